/**
 * HTTP: what every answer passes through — security headers, no-store, local redirects, refusals (JSON or a small
 * page), the error page's model and the forwarding to it, the setup page's model, the malformed-request filter, the
 * container's error servlet — and the one way cookies are made: {@link dev.partnerconsent.http.AppCookie} (attributes)
 * and {@link dev.partnerconsent.http.CookieSeal} (JWE dir/A256GCM) with its {@link dev.partnerconsent.http.CookieKeys}.
 * No business logic and no Azure calls live here. The models of the app-wide pages (error, setup) live here because
 * every layer above forwards to them; a feature's own pages have their models in the feature's package.
 * <p>
 * Layer: above {@code settings}, {@code diagnostics}, {@code tenant}. May use: those three.
 */
package dev.partnerconsent.http;
