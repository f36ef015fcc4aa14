package dev.partnerconsent.standin.keyvault;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request as the emulator's handlers see it: decoded path segments, query and form parameters, whole body. */
record HttpRequest(String method, URI uri, List<String> segments, Map<String, String> query, Headers headers,
        byte[] body) {

    static HttpRequest read(HttpExchange exchange) throws IOException {
        // Read the body completely even when it is not needed, so the connection can be kept alive.
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        return new HttpRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri,
                segments(uri.getRawPath()), parameters(uri.getRawQuery()), exchange.getRequestHeaders(), body);
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    String param(String name) {
        return query.get(name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    Map<String, String> form() {
        return parameters(bodyText());
    }

    /** Decoded path segments; a trailing slash gives an empty last segment ({@code /secrets/x/} = latest version). */
    private static List<String> segments(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        List<String> segments = new ArrayList<>();
        for (String segment : Arrays.asList(path.substring(1).split("/", -1))) {
            segments.add(decode(segment.replace("+", "%2B")));
        }
        return segments;
    }

    private static Map<String, String> parameters(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            parameters.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return parameters;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
