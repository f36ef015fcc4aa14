package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers a failure outside JAX-RS (while the container authenticates the request, in a filter, as the container's
 * error page): the API's JSON under {@code /api}, {@code error.xhtml} through {@link FailurePages} everywhere else.
 */
@ApplicationScoped
public class Refusals {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final FailureCatalogue catalogue;
    private final FailurePages pages;

    @Inject
    public Refusals(FailureCatalogue catalogue, FailurePages pages) {
        this.catalogue = catalogue;
        this.pages = pages;
    }

    protected Refusals() {
        this(null, null);
    }

    /** The failure as the API's error body: code, status, what happened, meaning, causes, fix. */
    public ErrorAnswer answer(Failure failure) {
        return ErrorAnswer.of(failure, catalogue.explain(failure));
    }

    /** Whether the request is the API's: its answers, failures included, are JSON. */
    public static boolean api(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    public void write(Failure failure, boolean api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.resetBuffer();
        response.setStatus(failure.httpStatus());
        NoStore.apply(response);
        if (!api) {
            try {
                pages.render(failure, request, response);
            } catch (ServletException e) {
                throw new IOException("The error page could not be rendered for " + failure.code(), e);
            }
            return;
        }
        if (failure.httpStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer error=\""
                    + (FailureCode.OPERATOR_TOKEN_INVALID.code().equals(failure.code()) ? "invalid_token" : "invalid_request") + "\"");
        }
        byte[] body = JSONB.toJson(answer(failure)).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
