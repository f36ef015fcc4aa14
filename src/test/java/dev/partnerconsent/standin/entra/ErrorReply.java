package dev.partnerconsent.standin.entra;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * An Entra error as sent: description with Entra's trace lines, plus the JSON extras
 * ({@code error_codes}, {@code timestamp}, {@code trace_id}, {@code correlation_id}, {@code error_uri}).
 * Built by hand: mock-oauth2-server's error helper lower-cases descriptions.
 */
record ErrorReply(EntraError error, String headline, String traceId, String correlationId, String timestamp,
                  String errorUri) {

    private static final DateTimeFormatter ENTRA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** @param correlationId the caller's {@code client-request-id}, echoed like Entra does; null for a new one */
    static ErrorReply of(EntraError error, Map<String, String> values, String baseUrl, String correlationId) {
        return new ErrorReply(error, error.headline(values), UUID.randomUUID().toString(),
                correlationId != null ? correlationId : UUID.randomUUID().toString(),
                ENTRA_TIME.format(Instant.now()), baseUrl + "/error?code=" + error.code());
    }

    /** Entra separates the trace lines with CR LF, in JSON and on the redirect alike. */
    String description() {
        return headline + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: " + correlationId
                + "\r\nTimestamp: " + timestamp;
    }

    OAuth2HttpResponse tokenEndpointResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("error_description", description());
        body.put("error_codes", List.of(error.code()));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", errorUri);
        return Http.json(error.httpStatus(), body, "x-ms-request-id", traceId);
    }

    /** Parameters sent to the redirect URI (query or form_post). */
    Map<String, String> redirectParameters(String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error.redirectError());
        params.put("error_description", description());
        params.put("error_uri", errorUri);
        if (state != null) {
            params.put("state", state);
        }
        return params;
    }
}
