/**
 * Sign-in: the consent start resource, the OIDC callback filter and everything between them — the sealed
 * pending-sign-in cookie, provider metadata and JWKS caching, code redemption and the ID token check.
 * <p>
 * Uses the Nimbus OAuth 2.0 / OIDC SDK for all protocol and JOSE work. Hands the refresh token to
 * {@link dev.partnerconsent.vault.TokenVault} and to nothing else; never logs or displays a token or code.
 */
package dev.partnerconsent.signin;
