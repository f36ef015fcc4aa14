package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.Failure;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Shows a failure on {@code error.xhtml} (or the setup problems on {@code setup.xhtml}) with the right
 * HTTP status, from a filter or a JAX-RS resource alike.
 */
@ApplicationScoped
public class FailurePages {

    public static final String FAILURE_ATTRIBUTE = "dev.partnerconsent.failure";
    private static final Logger LOG = Logger.getLogger(FailurePages.class.getName());

    private final ConsentMetrics metrics;

    @Inject
    public FailurePages(ConsentMetrics metrics) {
        this.metrics = metrics;
    }

    protected FailurePages() {
        this.metrics = null;
    }

    public void showFailure(Failure failure, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        LOG.warning(() -> "Consent failed: " + failure.code() + " (HTTP " + failure.httpStatus() + "): " + failure.detail()
                + failure.trace().traceId().map(t -> " trace_id=" + t).orElse("")
                + failure.trace().correlationId().map(c -> " correlation_id=" + c).orElse("")
                + (failure.context().isEmpty() ? "" : " context=" + failure.context()));
        metrics.failed(failure.code());
        request.setAttribute(FAILURE_ATTRIBUTE, failure);
        forward("/error.xhtml", failure.httpStatus(), request, response);
    }

    public void showSetupProblems(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        forward("/setup.xhtml", HttpServletResponse.SC_SERVICE_UNAVAILABLE, request, response);
    }

    private static void forward(String page, int status, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        NoStore.apply(response);
        response.setStatus(status);
        request.getRequestDispatcher(page).forward(request, response);
    }
}
