package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.FailurePages;
import dev.partnerconsent.http.NoStore;
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
 * Accepts the query (GET) and form_post (POST) response modes; answers every request itself, with the
 * result page or an error page, and always retires the sign-in cookie it used.
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

    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        try {
            checkMethod(request);
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            CallbackParameters params = CallbackParameters.from(request);
            List<String> sealed = params.state().map(s -> SignInCookie.take(request, response, s,
                    settings.get().redirectUri().orElseThrow())).orElse(List.of());
            ConsentResult result = callback.complete(params, sealed);
            request.setAttribute(RESULT_ATTRIBUTE, result);
            response.setStatus(HttpServletResponse.SC_OK);
            request.getRequestDispatcher(RESULT_PAGE).forward(request, response);
        } catch (FailureException e) {
            pages.showFailure(e.failure(), request, response);
        } catch (RuntimeException e) {
            // Not expected: log the type and where, never the message (it could quote a response body)
            LOG.log(Level.SEVERE, "Unexpected failure in the consent callback: " + e.getClass().getName()
                    + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            pages.showFailure(Failure.of(FailureCode.INTERNAL, "PartnerConsent met an unexpected " + e.getClass().getSimpleName()
                    + "; nothing was stored. The server log has the details."), request, response);
        }
    }

    private static void checkMethod(HttpServletRequest request) throws FailureException {
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
