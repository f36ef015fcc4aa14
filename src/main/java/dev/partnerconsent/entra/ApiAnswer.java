package dev.partnerconsent.entra;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Microsoft API answered to one call made with a delegated access token: its status and body. The body never
 * carries a token (the APIs do not echo them); {@link #excerpt()} is what a page or log may quote.
 *
 * @param retryAfter what a throttled answer's {@code Retry-After} asked for (seconds), if it said
 */
public record ApiAnswer(int status, String body, Optional<java.time.Duration> retryAfter) {

    public ApiAnswer(int status, String body) {
        this(status, body, Optional.empty());
    }

    private static final Pattern PARTNER_CENTER_CODE = Pattern.compile("\"code\"\\s*:\\s*\"?(\\d{3,7})\"?");
    private static final Pattern DESCRIPTION = Pattern.compile("\"description\"\\s*:\\s*\"([^\"]{1,500})\"");
    private static final int EXCERPT = 300;

    public boolean ok() {
        return status == 200;
    }

    /** Any 2xx: created (201) and no content (204) included. */
    public boolean success() {
        return status >= 200 && status < 300;
    }

    /** Partner Center's MFA enforcement: 401 with its own error code 900421. */
    public boolean mfaRequired() {
        Matcher m = PARTNER_CENTER_CODE.matcher(body);
        return m.find() && "900421".equals(m.group(1));
    }

    /** Partner Center's own description of a refusal, if it gave one; printable and bounded. */
    public Optional<String> description() {
        Matcher m = DESCRIPTION.matcher(body);
        return m.find() ? Optional.of(EntraErrors.safe(m.group(1))) : Optional.empty();
    }

    /** The body as a page or log may quote it: printable, at most 300 characters. */
    public String excerpt() {
        String safe = EntraErrors.safe(body);
        return safe.length() > EXCERPT ? safe.substring(0, EXCERPT) + "…" : safe;
    }

    @Override
    public String toString() {
        return "ApiAnswer[" + status + "]";
    }
}
