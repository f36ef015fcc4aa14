package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.http.FailurePages;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Mapped to the callback path with its trailing slash toggled: a reply landing there means the Redirect URI
 * registered in Entra ID differs from {@code partnerconsent.redirect-uri} by exactly that slash. Says so, instead of
 * a bare 404.
 */
public class ReplyUrlMismatchFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    private Settings settings;
    @Inject
    private FailurePages pages;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String configured = settings.get().redirectUri().map(Object::toString).orElse("(not set)");
        pages.showFailure(Failure.of(FailureCode.REDIRECT_URI_MISMATCH, "Entra ID sent the reply to " + request.getRequestURI()
                + " but partnerconsent.redirect-uri is " + configured + ": they differ only by the trailing slash, so the "
                + "Redirect URI registered in Entra ID is not the one this app is configured with (the AADSTS500112 class)."),
                request, response);
    }
}
