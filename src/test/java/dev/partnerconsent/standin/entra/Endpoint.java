package dev.partnerconsent.standin.entra;

/** Endpoints whose requests are counted, e.g. to check that a client caches metadata and keys. */
public enum Endpoint {
    /** {@code GET /{tenant}/v2.0/.well-known/openid-configuration} */
    METADATA,
    /** {@code GET /{tenant}/discovery/v2.0/keys} */
    JWKS,
    /** {@code GET /{tenant}/oauth2/v2.0/authorize} (shows the sign-in page) */
    AUTHORIZE,
    /** {@code POST /{tenant}/oauth2/v2.0/authorize} (the sign-in form submitted) */
    LOGIN,
    /** {@code POST /{tenant}/oauth2/v2.0/token} */
    TOKEN,
    /** {@code GET /{tenant}/oauth2/v2.0/logout} */
    LOGOUT
}
