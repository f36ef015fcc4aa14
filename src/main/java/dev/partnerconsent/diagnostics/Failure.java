package dev.partnerconsent.diagnostics;

import java.util.Map;

/**
 * A failure as it reaches the error page: the catalogue code, the HTTP status to answer with, what the
 * other side said (already stripped of anything secret) and Entra's trace ids.
 *
 * @param code       catalogue code: an {@code AADSTSnnnn} or an OAuth error such as {@code invalid_grant} from Entra ID,
 *                   or one of ours ({@link FailureCode}) such as {@code id-token-audience} or {@code keyvault-403}
 * @param httpStatus status of the error page: 400 for a bad callback, 403 refused, 502 upstream failure...
 * @param detail     what happened in this instance, safe to show
 * @param trace      Entra ID's trace/correlation ids and timestamp, when Entra answered
 * @param context    non-secret details shown only in verbose mode (claim names and values, never a token)
 */
public record Failure(String code, int httpStatus, String detail, EntraTrace trace, Map<String, String> context) {

    public Failure {
        context = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(context));
    }

    public Failure(String code, int httpStatus, String detail, EntraTrace trace) {
        this(code, httpStatus, detail, trace, Map.of());
    }

    /** One of ours, answered with the catalogue's status for it. */
    public static Failure of(FailureCode code, String detail) {
        return of(code, code.status(), detail);
    }

    /** One of ours with another status than the catalogue's: for a code that really answers with two. */
    public static Failure of(FailureCode code, int httpStatus, String detail) {
        return new Failure(code.code(), httpStatus, detail, EntraTrace.none());
    }

    /** The same failure with non-secret context (claim names and values) for verbose diagnostics. */
    public Failure withContext(Map<String, String> moreContext) {
        Map<String, String> merged = new java.util.TreeMap<>(context);
        merged.putAll(moreContext);
        return new Failure(code, httpStatus, detail, trace, merged);
    }
}
