package dev.partnerconsent.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Calls the app the way automation and operator pages do: any method, optional bearer token, optional csrf token
 * (header for the API, form field for the pages), the cookies of a {@link ConsentBrowser} if given. Never follows
 * redirects.
 */
public final class OperatorApi {

    public record Answer(int status, String body, HttpResponse<String> response) {
        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** The body as a JSON object; fails the test if it is not one. */
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    private final HttpClient http;
    private final Optional<String> bearer;

    private OperatorApi(HttpClient http, Optional<String> bearer) {
        this.http = http;
        this.bearer = bearer;
    }

    public static OperatorApi anonymous() {
        return new OperatorApi(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build(), Optional.empty());
    }

    public static OperatorApi bearer(String token) {
        return new OperatorApi(anonymous().http, Optional.of(token));
    }

    /** With the browser's cookies (its operator session). */
    public static OperatorApi session(ConsentBrowser browser) {
        return new OperatorApi(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(browser.cookies()).connectTimeout(Duration.ofSeconds(10)).build(), Optional.empty());
    }

    public Answer send(String method, String path, Map<String, String> form, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(InContainer.appBaseUrl() + path))
                .timeout(Duration.ofSeconds(90));
        bearer.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        headers.forEach(b::header);
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.method(method, HttpRequest.BodyPublishers.ofString(ConsentBrowser.encode(form)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r);
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, Map.of(), Map.of());
    }

    public Answer post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return send("POST", path, form, Map.of());
    }
}
