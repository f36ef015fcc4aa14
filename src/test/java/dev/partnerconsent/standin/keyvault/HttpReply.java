package dev.partnerconsent.standin.keyvault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer, built by a handler and written once by the dispatcher (after the request has been counted). */
record HttpReply(int status, Map<String, String> headers, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper();

    static HttpReply json(int status, Object json) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            return new HttpReply(status, headers, JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render JSON", e);
        }
    }

    static HttpReply empty(int status) {
        return new HttpReply(status, new LinkedHashMap<>(), new byte[0]);
    }

    HttpReply withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    HttpReply withHeaders(Map<String, String> more) {
        headers.putAll(more);
        return this;
    }

    void send(HttpExchange exchange) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
