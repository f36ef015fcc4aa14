package dev.partnerconsent.web;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * Backs {@code error.xhtml}: the failure forwarded by the flow or by {@link ContainerErrorServlet} (404, 405, an
 * uncaught exception) — never the exception itself.
 */
@Named("errorView")
@RequestScoped
public class ErrorView {

    private final Failure failure;
    private final Explanation explanation;

    @Inject
    public ErrorView(ExternalContext context, FailureCatalogue catalogue) {
        Map<String, Object> attributes = context.getRequestMap();
        Failure forwarded = (Failure) attributes.get(FailurePages.FAILURE_ATTRIBUTE);
        // always forwarded (the flow's FailurePages, or ContainerErrorServlet); the page itself is not reachable directly
        this.failure = forwarded != null ? forwarded
                : Failure.of(FailureCode.INTERNAL, "PartnerConsent met an unexpected error; nothing was stored. The server log has the details.");
        this.explanation = catalogue.explain(failure);
    }

    protected ErrorView() {
        this.failure = null;
        this.explanation = null;
    }

    public Failure getFailure() {
        return failure;
    }

    /** Verbose mode's claim names and values, as rows for the page. */
    public java.util.List<Map.Entry<String, String>> getContext() {
        return java.util.List.copyOf(failure.context().entrySet());
    }

    public Explanation getExplanation() {
        return explanation;
    }

    /** A plain-text block an operator can paste into a ticket: codes and ids, nothing secret. */
    public String getSupportBlock() {
        StringBuilder b = new StringBuilder();
        b.append("PartnerConsent error: ").append(failure.code()).append(" (HTTP ").append(failure.httpStatus()).append(")\n");
        b.append("Detail: ").append(failure.detail()).append('\n');
        failure.trace().traceId().ifPresent(t -> b.append("Trace ID: ").append(t).append('\n'));
        failure.trace().correlationId().ifPresent(c -> b.append("Correlation ID: ").append(c).append('\n'));
        failure.trace().timestamp().ifPresent(t -> b.append("Timestamp: ").append(t).append('\n'));
        return b.toString();
    }
}
