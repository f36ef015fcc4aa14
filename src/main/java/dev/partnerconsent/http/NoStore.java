package dev.partnerconsent.http;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/** Headers for pages that carry consent results or failures: never cached, never leaking the URL onward. */
public final class NoStore {

    private NoStore() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    /** An API's 200 answer, never cached (answers name tenants and may carry tokens). */
    public static Response ok(Object answer) {
        return Response.ok(answer).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
