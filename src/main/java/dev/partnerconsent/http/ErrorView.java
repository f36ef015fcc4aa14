package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backs {@code error.xhtml}: the failure forwarded by {@link FailurePages} (from the flow, a refusal, or
 * {@link ContainerErrorServlet}: 404, 405, an uncaught exception) — never the exception itself.
 */
@Named("errorView")
@RequestScoped
public class ErrorView {

    /** The consent flow's JAX-RS application (the start); the callback is wherever the redirect URI points. */
    private static final String CONSENT_FLOW = "/consent/";
    /** Failures that say nothing about whether a consent was stored. */
    private static final Set<String> STORED_UNKNOWN = Set.of(FailureCode.OUTCOME_UNAVAILABLE.code());
    private static final Set<String> SIGN_IN_AGAIN = Set.of(FailureCode.OPERATOR_FORBIDDEN.code(),
            FailureCode.OPERATOR_SIGN_IN_REQUIRED.code(), FailureCode.CSRF_INVALID.code());

    private final Failure failure;
    private final Explanation explanation;
    private final boolean consent;

    @Inject
    public ErrorView(ExternalContext context, FailureCatalogue catalogue, Settings settings) {
        Map<String, Object> attributes = context.getRequestMap();
        Failure forwarded = (Failure) attributes.get(FailurePages.FAILURE_ATTRIBUTE);
        // always forwarded (FailurePages); the page itself is not reachable directly
        this.failure = forwarded != null ? forwarded
                : Failure.of(FailureCode.INTERNAL, "PartnerConsent met an unexpected error. The server log has the details.");
        this.explanation = catalogue.explain(failure);
        this.consent = !STORED_UNKNOWN.contains(failure.code()) && consentFlow(failedPath(attributes),
                settings.get().redirectUri().map(URI::getRawPath).orElse(null), context.getRequestContextPath());
    }

    protected ErrorView() {
        this.failure = null;
        this.explanation = null;
        this.consent = false;
    }

    /** The address that failed, as the browser asked for it: the page is always reached by a forward or an error dispatch. */
    private static String failedPath(Map<String, Object> attributes) {
        Object uri = attributes.getOrDefault(RequestDispatcher.FORWARD_REQUEST_URI,
                attributes.get(RequestDispatcher.ERROR_REQUEST_URI));
        return uri == null ? "" : uri.toString();
    }

    /** Whether a consent was under way (its start, or the callback that stores it): only then is storing worth a word. */
    static boolean consentFlow(String failedPath, String callbackPath, String contextPath) {
        return failedPath.equals(callbackPath) || failedPath.startsWith(contextPath + CONSENT_FLOW);
    }

    public Failure getFailure() {
        return failure;
    }

    /** True when the failure ended a consent: the page says that nothing was stored in Key Vault. */
    public boolean isConsent() {
        return consent;
    }

    /** True when signing in as someone else is the way on (an operator refusal). */
    public boolean isSignInAgain() {
        return SIGN_IN_AGAIN.contains(failure.code());
    }

    /** Verbose mode's claim names and values, as rows for the page. */
    public List<Map.Entry<String, String>> getContext() {
        return List.copyOf(failure.context().entrySet());
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
