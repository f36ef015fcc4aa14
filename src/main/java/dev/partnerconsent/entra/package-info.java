/**
 * Entra ID: everything spoken with it — provider metadata and its live probe, the cached signing keys, the app's
 * client credentials (secret or certificate), the one token-endpoint client
 * ({@link dev.partnerconsent.entra.TokenRedemption}: code and refresh-token grants), the one JWT verifier
 * ({@link dev.partnerconsent.entra.JwtVerifier}: ID tokens and API bearer tokens, on Nimbus'
 * {@code DefaultJWTProcessor}), the sign-in check with its MFA evidence, the AADSTS translation, and the one client of
 * the Microsoft APIs called with a user's access token ({@link dev.partnerconsent.entra.MicrosoftApis}: Partner Center's
 * proof of a new consent, the access check's Partner Center and Graph calls).
 * <p>
 * Uses the Nimbus OAuth 2.0 / OIDC SDK for all protocol and JOSE work. Never logs or displays a token, code or secret.
 * <p>
 * Layer: above {@code http}. May use: {@code settings}, {@code diagnostics}, {@code tenant}, {@code http}.
 */
package dev.partnerconsent.entra;
