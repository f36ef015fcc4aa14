package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.FailurePages;
import dev.partnerconsent.http.NoStore;
import dev.partnerconsent.http.SecurityHeaders;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OIDC callback, mapped by {@link CallbackRegistration} to the path of {@code partnerconsent.redirect-uri}.
 * Accepts the query (GET) and form_post (POST) response modes; answers every request itself, with a 303 to the
 * outcome ({@link ConsentOutcomePage}) or, for a request that is no sign-in response at all, an error page; and always
 * retires the sign-in cookie it used.
 */
public class CallbackFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CallbackFilter.class.getName());
    public static final String RESULT_ATTRIBUTE = "dev.partnerconsent.consentResult";
    static final String RESULT_PAGE = "/consent/result.xhtml";

    @Inject
    private ConsentCallback callback;
    @Inject
    private FailurePages pages;
    @Inject
    private dev.partnerconsent.settings.Settings settings;
    @Inject
    private ConsentMetrics metrics;
    @Inject
    private ConsentOutcome outcomes;
    @Inject
    private SecurityHeaders headers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        NoStore.apply(response);
        if (!settings.ready()) {
            pages.showSetupProblems(request, response);
            return;
        }
        long started = System.nanoTime();
        try {
            handle(request, response);
        } finally {
            // the result or error page included: what the person waits for after Entra ID sends them back
            metrics.callbackHandled(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * A request that is not a sign-in response at all (method, content type, unreadable parameters) is answered in place.
     * Any other ends in a 303 to {@link ConsentOutcome#PATH} carrying the sealed outcome, so the address with the code
     * leaves the browser's history and a reload shows the outcome again rather than a replayed sign-in.
     */
    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        CallbackParameters params;
        try {
            checkMethod(request);
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            params = CallbackParameters.from(request);
        } catch (FailureException e) {
            pages.showFailure(e.failure(), request, response);
            return;
        }
        String outcome;
        try {
            List<String> sealed = params.state().map(s -> SignInCookie.take(request, response, s,
                    settings.get().redirectUri().orElseThrow())).orElse(List.of());
            outcome = outcomes.seal(callback.complete(params, sealed));
        } catch (FailureException e) {
            pages.report(e.failure());
            outcome = outcomes.seal(e.failure());
        } catch (RuntimeException e) {
            // Not expected: log the type and where, never the message (it could quote a response body)
            LOG.log(Level.SEVERE, "Unexpected failure in the consent callback: " + e.getClass().getName()
                    + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            Failure failure = Failure.of(FailureCode.INTERNAL, "PartnerConsent met an unexpected " + e.getClass().getSimpleName()
                    + "; nothing was stored. The server log has the details.");
            pages.report(failure);
            outcome = outcomes.seal(failure);
        }
        // mapped at startup, this filter may run before the one that adds the headers; the redirect is answered here
        headers.apply(request, response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + ConsentOutcome.PATH + "?" + ConsentOutcome.PARAMETER + "="
                + outcome);
    }

    static void checkMethod(HttpServletRequest request) throws FailureException {
        String method = request.getMethod();
        if ("GET".equals(method)) {
            return;
        }
        if (!"POST".equals(method)) {
            throw new FailureException(FailureCode.CALLBACK_METHOD, "The callback accepts GET (response_mode=query) and POST "
                    + "(response_mode=form_post), not " + method + ".");
        }
        String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new FailureException(FailureCode.CALLBACK_CONTENT_TYPE,
                    "A form_post callback must be application/x-www-form-urlencoded.");
        }
    }
}
