package dev.partnerconsent.standin.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helper: plain HTTPS calls (JVM default trust store), to check what goes over the wire. */
final class RawHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RawHttp() {
    }

    static HttpResponse<String> send(String method, String url, String bearer, Map<String, String> headers,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String url, String bearer) {
        return send("GET", url, bearer, Map.of(), null);
    }

    /** A client-credentials request to the emulator's Entra-shaped endpoint. */
    static HttpResponse<String> requestToken(LocalKeyVault vault, String clientId, String secret, String scope) {
        String form = Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                        "scope", scope).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", vault.authorityHost() + "/" + vault.tenantId() + "/oauth2/v2.0/token", null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
    }

    static String token(LocalKeyVault vault, String clientId, String secret) {
        HttpResponse<String> response = requestToken(vault, clientId, secret, "https://vault.azure.net/.default");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token request failed: " + response.body());
        }
        return json(response).path("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }
}
