package dev.partnerconsent.standin.entra;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.Headers;

/** Response builders and parameter parsing shared by the endpoints. */
final class Http {

    private Http() {
    }

    static OAuth2HttpResponse json(int status, Map<String, ?> body, String... extraHeaders) {
        Headers headers = new Headers.Builder()
                .add("Content-Type", "application/json; charset=utf-8")
                // Entra marks every token endpoint answer as not cacheable.
                .add("Cache-Control", "no-store, no-cache")
                .add("Pragma", "no-cache")
                .addAll(Headers.of(extraHeaders))
                .build();
        return new OAuth2HttpResponse(headers, status, JSONObjectUtils.toJSONString(body), null);
    }

    static OAuth2HttpResponse html(int status, String page) {
        Headers headers = Headers.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-store, no-cache",
                "X-Frame-Options", "DENY");
        return new OAuth2HttpResponse(headers, status, page, null);
    }

    static OAuth2HttpResponse redirect(String location) {
        return new OAuth2HttpResponse(Headers.of("Location", location, "Cache-Control", "no-store, no-cache"),
                302, "", null);
    }

    static OAuth2HttpResponse notFound() {
        return json(404, Map.of("error", "not_found", "error_description", "No such endpoint on the local Entra ID."));
    }

    /** Query parameters, decoded; the first value wins when a name repeats. */
    static Params query(OAuth2HttpRequest request) {
        return new Params(URLUtils.parseParameters(request.getOriginalUrl().encodedQuery()));
    }

    /** Form parameters of a POST body ({@code application/x-www-form-urlencoded}). */
    static Params form(OAuth2HttpRequest request) {
        String body = request.getBody();
        return new Params(URLUtils.parseParameters(body == null ? "" : body));
    }

    /** Decoded request parameters. */
    record Params(Map<String, List<String>> values) {

        String get(String name) {
            List<String> list = values.get(name);
            return list == null || list.isEmpty() ? null : list.get(0);
        }

        /** The value, or null when absent or blank. */
        String nonBlank(String name) {
            String value = get(name);
            return value == null || value.isBlank() ? null : value;
        }
    }
}
