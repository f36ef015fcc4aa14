package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.WarningLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The one renderer of failure pages: every failure shown as HTML — from the consent flow, an operator refusal, a
 * malformed request, the container's own error statuses — is {@code error.xhtml} forwarded to here with its HTTP
 * status (and the setup problems {@code setup.xhtml}).
 */
@ApplicationScoped
public class FailurePages {

    public static final String FAILURE_ATTRIBUTE = "dev.partnerconsent.failure";
    private static final Logger LOG = Logger.getLogger(FailurePages.class.getName());

    private final ConsentMetrics metrics;
    private final WarningLimiter warnings;

    @Inject
    public FailurePages(ConsentMetrics metrics, WarningLimiter warnings) {
        this.metrics = metrics;
        this.warnings = warnings;
    }

    protected FailurePages() {
        this.metrics = null;
        this.warnings = null;
    }

    /** A failure of the flow: logged (codes and ids only), counted, and shown. */
    public void showFailure(Failure failure, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        report(failure);
        render(failure, request, response);
    }

    /**
     * Logs (codes and ids only; a few a minute per code, then a summary) and counts a failure of the flow that is shown
     * elsewhere (after a redirect).
     */
    public void report(Failure failure) {
        warnings.warn(LOG, failure.code(), () -> "Consent failed: " + failure.code() + " (HTTP " + failure.httpStatus() + "): " + failure.detail()
                + failure.trace().traceId().map(t -> " trace_id=" + t).orElse("")
                + failure.trace().correlationId().map(c -> " correlation_id=" + c).orElse("")
                + (failure.context().isEmpty() ? "" : " context=" + failure.context()));
        metrics.failed(failure.code());
    }

    /** {@code error.xhtml} for the failure, with its status; nothing logged (refusals are expected answers). */
    public void render(Failure failure, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute(FAILURE_ATTRIBUTE, failure);
        forward("/error.xhtml", failure.httpStatus(), new AsPageView(request), response);
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

    /**
     * The failed request as the error page renders it: a GET in UTF-8 without parameters, whatever method (PROPFIND,
     * FOO), charset (UTF-7) or unparseable parameters it carried, since those are often why it failed.
     */
    private static final class AsPageView extends HttpServletRequestWrapper {
        AsPageView(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
