package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.diagnostics.Failure;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses what is malformed at the HTTP level before any route sees it, with the catalogue's explanation (JSON under
 * {@code /api}, the error page elsewhere — rendered through {@link Refusals} as a GET in UTF-8, since the request's own
 * method and charset are what is wrong):
 * <ul>
 *   <li>a method the address does not take: the pages and the start are read-only (GET and HEAD), the consent callback also
 *       takes Entra's form_post, the operator routes and API POST their actions; PUT, DELETE, OPTIONS, PROPFIND… are
 *       405 instead of a page rendered as if they were a GET;</li>
 *   <li>a body in a character set other than UTF-8, US-ASCII or ISO-8859-1: 415 (Entra and the app's forms post
 *       UTF-8);</li>
 *   <li>parameters the container cannot parse (broken escapes, more parameters than it allows): 400, decided once
 *       here rather than as an exception in whichever route reads a parameter first;</li>
 *   <li>the error page asked for directly: 404 — it is only reached by a forward, so nobody can link to an error
 *       page saying something the app did not say.</li>
 * </ul>
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class MalformedRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> READ_AND_POST = Set.of("GET", "HEAD", "POST");
    private static final Set<String> CHARSETS = Set.of("utf-8", "us-ascii", "iso-8859-1");

    @Inject
    private Refusals refusals;
    @Inject
    private SecurityHeaders headers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.equals("/api") || path.startsWith("/api/");
        Set<String> allowed = isPage(path) || path.equals("/consent/start") || path.equals("/consent/outcome")
                ? READ : READ_AND_POST;
        if (!allowed.contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", allowed.stream().sorted().toList()));
            refuse(Failure.of(FailureCode.METHOD_NOT_ALLOWED, "This address accepts " + String.join(", ",
                    allowed.stream().sorted().toList()) + " only."), api, request, response);
        } else if (!knownCharset(request.getCharacterEncoding())) {
            refuse(Failure.of(FailureCode.UNSUPPORTED_MEDIA_TYPE, "The request body's character set is not UTF-8."), api, request, response);
        } else if (path.equals("/error.xhtml")) {
            refuse(Failure.of(FailureCode.NOT_FOUND, "There is no page at this address."), api, request, response);
        } else if (!api && !jaxRs(path) && !parametersReadable(request)) {
            refuse(Failure.of(FailureCode.BAD_REQUEST, "The request's parameters could not be read: malformed encoding or too "
                    + "many parameters."), api, request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void refuse(Failure failure, boolean api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        headers.apply(request, response);
        refusals.write(failure, api, request, response);
    }

    /**
     * Facelets views (also the troubleshooting page's extension-less address) and the welcome page: nothing on them
     * takes a POST (no JSF forms; state saving is client-side).
     */
    static boolean isPage(String path) {
        return path.isEmpty() || path.equals("/") || path.endsWith(".xhtml") || path.equals("/troubleshooting")
                || path.startsWith("/jakarta.faces.resource/");
    }

    /**
     * Routes JAX-RS reads itself (the start, the API; the callback reads its own and says why it refuses): a filter
     * that consumed a form body there would leave Jersey re-parsing parameters it can no longer see.
     */
    static boolean jaxRs(String path) {
        return path.startsWith("/consent/") && !path.endsWith(".xhtml");
    }

    static boolean knownCharset(String declared) {
        return declared == null || CHARSETS.contains(declared.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean parametersReadable(HttpServletRequest request) throws IOException {
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name()); // every form the app and Entra post is UTF-8
        }
        try {
            request.getParameterMap();
            return true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return false;
        }
    }
}
