package dev.partnerconsent.entra;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.partnerconsent.diagnostics.EntraTrace;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureException;
import net.minidev.json.JSONObject;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an Entra ID error (on the redirect, or from the token endpoint) into a {@link Failure} keyed by its
 * AADSTS code, keeping Entra's trace and correlation ids for the support block.
 */
public final class EntraErrors {

    private static final Pattern TRACE = Pattern.compile("Trace ID: ([0-9a-fA-F-]{36})");
    private static final Pattern CORRELATION = Pattern.compile("Correlation ID: ([0-9a-fA-F-]{36})");
    private static final Pattern TIMESTAMP = Pattern.compile("Timestamp: ([0-9: TZ.-]{10,40})");
    private static final int MAX_DETAIL = 2_000;

    private EntraErrors() {
    }

    /** An error returned on the redirect: only the description carries the ids. */
    public static Failure fromRedirect(ErrorObject error) {
        return toFailure(error, null, 400);
    }

    /** An error answered by the token endpoint: the JSON body carries the ids as fields. */
    public static Failure fromTokenEndpoint(ErrorObject error, JSONObject body) {
        return toFailure(error, body, 502);
    }

    private static Failure toFailure(ErrorObject error, JSONObject body, int status) {
        String description = safe(error.getDescription());
        String code = FailureCatalogue.aadstsCode(description)
                .orElse(error.getCode() == null ? "unknown" : safe(error.getCode()));
        EntraTrace trace = new EntraTrace(
                field(body, "trace_id").or(() -> find(TRACE, description)),
                field(body, "correlation_id").or(() -> find(CORRELATION, description)),
                field(body, "timestamp").or(() -> find(TIMESTAMP, description)));
        String detail = (error.getCode() == null ? "" : safe(error.getCode()) + ": ") + description;
        return new Failure(code, status, detail, trace);
    }

    private static Optional<String> field(JSONObject body, String name) {
        if (body == null || !(body.get(name) instanceof String value) || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(safe(value));
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    /**
     * The error a callback carries, as Nimbus' ErrorObject. RFC 6749 error codes are printable ASCII without '"' or
     * '\\' (Entra never sends anything else), so any other code is a forged or mangled callback, not an Entra answer.
     */
    public static ErrorObject fromCallback(String error, String description) throws FailureException {
        String code = safe(error);
        if (!ErrorObject.isLegal(code)) {
            throw new FailureException(FailureCode.CALLBACK_MALFORMED, "The callback's error parameter is not an OAuth error code.");
        }
        return new ErrorObject(code, ErrorObject.removeIllegalChars(safe(description)));
    }

    /** Printable text only, bounded: descriptions come from the network and end up in pages and logs. */
    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = text.replaceAll("[\\p{Cntrl}&&[^\\r\\n\\t]]", "").replaceAll("[\\r\\n\\t]+", " ").strip();
        return cleaned.length() > MAX_DETAIL ? cleaned.substring(0, MAX_DETAIL) + "…" : cleaned;
    }
}
