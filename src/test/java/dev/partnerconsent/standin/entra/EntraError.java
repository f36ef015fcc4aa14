package dev.partnerconsent.standin.entra;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AADSTS error as Entra answers it.
 *
 * @param code          the AADSTS number (also the single entry of {@code error_codes})
 * @param error         the OAuth {@code error} value at the token endpoint
 * @param redirectError the OAuth {@code error} value when sent to the redirect URI; Entra uses a
 *                      different one for some codes (e.g. 50076 is {@code invalid_grant} at the token
 *                      endpoint but {@code interaction_required} on the redirect)
 * @param httpStatus    the token endpoint's status (401 for client authentication failures, else 400)
 * @param message       the text after {@code AADSTSnnnn: }; {@code {name}} placeholders are filled from
 *                      the request (clientId, tenantId, tenantName, user, redirectUri, resource, ...)
 */
public record EntraError(int code, String error, String redirectError, int httpStatus, String message) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** An error answered the same way on both channels, HTTP 400 (401 for {@code invalid_client}). */
    public static EntraError of(int code, String error, String message) {
        return new EntraError(code, error, error, "invalid_client".equals(error) ? 401 : 400, message);
    }

    public EntraError onRedirectAs(String errorOnRedirect) {
        return new EntraError(code, error, errorOnRedirect, httpStatus, message);
    }

    /** {@code AADSTSnnnn: text} with the placeholders filled; without Entra's trace lines. */
    public String headline(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(text, Matcher.quoteReplacement(value != null ? value : "unknown"));
        }
        m.appendTail(text);
        return "AADSTS" + code + ": " + text;
    }
}
