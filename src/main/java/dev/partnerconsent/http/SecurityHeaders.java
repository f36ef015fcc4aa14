package dev.partnerconsent.http;

import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser hardening headers every answer carries: no inline script, no framing, no MIME sniffing, and HSTS when
 * the site is https — the request arrived over TLS, or the configured redirect URI (the public address) is https,
 * since behind a TLS-terminating proxy the hop to the app is plain http. Browsers ignore HSTS received over http, so
 * sending it on that inner hop is harmless. Set by {@link SecurityHeadersFilter}, and by the answers written while the
 * container authenticates (before any filter runs).
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final Settings settings;

    @Inject
    public SecurityHeaders(Settings settings) {
        this.settings = settings;
    }

    protected SecurityHeaders() {
        this.settings = null;
    }

    public void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (request.isSecure() || publicSiteIsHttps()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }

    private boolean publicSiteIsHttps() {
        return settings.get().redirectUri().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
    }
}
