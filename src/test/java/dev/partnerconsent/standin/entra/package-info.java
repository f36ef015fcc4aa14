/**
 * A local, Entra-ID-shaped OpenID provider for tests and the demo: per-tenant and
 * {@code organizations}/{@code common} v2.0 discovery, an authorize endpoint with a sign-in
 * page, a token endpoint (authorization code with PKCE, rotating refresh tokens), one JWKS for
 * all tenants, scripted AADSTS failures and ID-token tampering.
 *
 * <p>It runs on mock-oauth2-server's HTTP layer (MockWebServer, {@code Route}); the Entra
 * behaviour lives here because mock-oauth2-server's own grant handlers differ from Entra's
 * (issuer per signed-in tenant, error bodies, old refresh tokens staying valid).
 *
 * <p>It must not be used outside test scope, must bind 127.0.0.1 only, and must never log a
 * token, code or secret. {@link dev.partnerconsent.standin.entra.LocalEntraId} is the entry point.
 */
package dev.partnerconsent.standin.entra;
