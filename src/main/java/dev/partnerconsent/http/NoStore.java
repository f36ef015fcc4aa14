package dev.partnerconsent.http;

import jakarta.servlet.http.HttpServletResponse;

/** Headers for pages that carry consent results or failures: never cached, never leaking the URL onward. */
public final class NoStore {

    private NoStore() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
