package dev.partnerconsent.http;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A redirect within the app, sent as a relative {@code Location} (RFC 9110 allows it). The container's
 * {@code sendRedirect} would make it absolute from the request's Host header, which a client controls: a forged Host
 * would turn the app's own redirects into redirects to another site.
 */
public final class LocalRedirect {

    private LocalRedirect() {
    }

    /** {@code 302 Found} to {@code path}, which must start with a single '/'. */
    public static void to(HttpServletResponse response, String path) {
        if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
            throw new IllegalArgumentException("Not a path within the app: " + path);
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", path);
    }
}
