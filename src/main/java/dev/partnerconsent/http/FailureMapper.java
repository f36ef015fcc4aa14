package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link FailureException} out of any JAX-RS resource: the API answers the catalogue's JSON with the failure's status,
 * every other route shows {@code error.xhtml} (logged and counted, as the consent flow's failures are).
 */
@Provider
@ApplicationScoped
public class FailureMapper implements ExceptionMapper<FailureException> {

    private final Refusals refusals;
    private final FailurePages pages;

    @Context
    private HttpServletRequest request;
    @Context
    private HttpServletResponse response;

    @Inject
    public FailureMapper(Refusals refusals, FailurePages pages) {
        this.refusals = refusals;
        this.pages = pages;
    }

    /** Public for RESTEasy (WildFly), which needs a public constructor it can call (RESTEASY-1538); CDI uses the other. */
    public FailureMapper() {
        this(null, null);
    }

    @Override
    public Response toResponse(FailureException e) {
        Failure failure = e.failure();
        if (Refusals.api(request)) {
            return Response.status(failure.httpStatus()).type(MediaType.APPLICATION_JSON)
                    .header("Cache-Control", "no-store").header("Pragma", "no-cache")
                    .entity(refusals.answer(failure)).build();
        }
        try {
            pages.showFailure(failure, request, response);
        } catch (ServletException | IOException x) {
            throw new UncheckedIOException(new IOException("The error page could not be shown for " + failure.code(), x));
        }
        return null; // answered by the forward, as a resource that forwards returns no entity
    }
}
