package dev.partnerconsent.signin;

import dev.partnerconsent.settings.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Maps {@link CallbackFilter} to exactly the path of the configured redirect URI, so that the reply URL
 * registered in Entra ID and the one this app serves cannot drift apart.
 */
@WebListener
public class CallbackRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(CallbackRegistration.class.getName());

    @Inject
    private Settings settings;
    @Inject
    private dev.partnerconsent.settings.SetupStatus status;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Optional<String> path = callbackPath(settings.get().redirectUri(), context.getContextPath());
        if (path.isEmpty()) {
            settings.get().redirectUri().ifPresent(uri -> status.reportDeploymentProblem(new dev.partnerconsent.settings.SetupProblem(
                    dev.partnerconsent.settings.SettingsReader.REDIRECT_URI, "The path of '" + uri + "' is not served by this application, "
                    + "whose context path is '" + context.getContextPath() + "/': the reply would never reach PartnerConsent.",
                    "Use a redirect URI under " + context.getContextPath() + "/, e.g. https://<host>" + context.getContextPath()
                            + "/consent/callback, and register the same URL in Entra ID.")));
            LOG.warning("No consent callback is served: partnerconsent.redirect-uri is missing, or its path is not under "
                    + "this application's context path '" + context.getContextPath() + "'.");
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter("consent-callback", CallbackFilter.class);
        filter.addMappingForUrlPatterns(null, false, path.get());
        String nearMiss = path.get().endsWith("/") ? path.get().substring(0, path.get().length() - 1) : path.get() + "/";
        if (nearMiss.length() > 1) {
            context.addFilter("reply-url-mismatch", ReplyUrlMismatchFilter.class)
                    .addMappingForUrlPatterns(null, false, nearMiss);
        }
        LOG.info(() -> "Consent callback served at " + context.getContextPath() + path.get());
    }

    /** The redirect URI's path relative to the context path, if it lies under it. */
    public static Optional<String> callbackPath(Optional<URI> redirectUri, String contextPath) {
        if (redirectUri.isEmpty() || redirectUri.get().getPath() == null) {
            return Optional.empty();
        }
        String full = redirectUri.get().getPath();
        if (!contextPath.isEmpty() && !full.startsWith(contextPath + "/")) {
            return Optional.empty();
        }
        String relative = full.substring(contextPath.length());
        return relative.length() > 1 ? Optional.of(relative) : Optional.empty();
    }
}
