package dev.partnerconsent.diagnostics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every failure code PartnerConsent raises itself, each with an entry in the catalogue (which also gives its default
 * HTTP status). Codes from outside — Entra's {@code AADSTSnnnn} and OAuth errors — stay strings in {@link Failure}.
 */
public enum FailureCode {
    // consent start and callback
    START_ORIGIN_MISMATCH, REDIRECT_URI_MISMATCH, STATE_MISSING, STATE_COOKIE_MISSING, STATE_COOKIE_INVALID, STATE_MISMATCH,
    STATE_EXPIRED, STATE_REPLAYED, UNEXPECTED_SIGN_IN_RESPONSE, OUTCOME_UNAVAILABLE, CODE_MISSING, CALLBACK_MALFORMED, CALLBACK_METHOD, CALLBACK_CONTENT_TYPE, BAD_HINT,
    // setup
    BAD_SETTING, SETUP_INCOMPLETE, CLIENT_CERTIFICATE_UNUSABLE,
    // Entra ID metadata, token endpoint and token checks
    METADATA_UNREACHABLE, METADATA_INVALID, JWKS_UNREACHABLE, TOKEN_ENDPOINT_UNREACHABLE, TOKEN_RESPONSE_INVALID,
    ID_TOKEN_MISSING, REFRESH_TOKEN_MISSING, ID_TOKEN_MALFORMED, ID_TOKEN_ALGORITHM, ID_TOKEN_SIGNING_KEY, ID_TOKEN_SIGNATURE,
    ID_TOKEN_AUDIENCE, ID_TOKEN_ISSUER, ID_TOKEN_SUBJECT, ID_TOKEN_EXPIRED, ID_TOKEN_LIFETIME, ID_TOKEN_NONCE, TENANT_NOT_ALLOWED, MFA_MISSING,
    ROLE_MISSING,
    // the consent's proof at Partner Center
    PARTNER_CENTER_DENIED,
    // HTTP level
    INTERNAL, NOT_FOUND, METHOD_NOT_ALLOWED, BAD_REQUEST, REQUEST_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
    // Key Vault, by what it answered
    SECRET_NAME_INVALID, KEYVAULT_401("keyvault-401"), KEYVAULT_403("keyvault-403"), KEYVAULT_404("keyvault-404"),
    KEYVAULT_409("keyvault-409"), KEYVAULT_429("keyvault-429"), KEYVAULT_5XX("keyvault-5xx"), KEYVAULT_HTTP, KEYVAULT_DNS,
    KEYVAULT_TLS, KEYVAULT_UNREACHABLE, KEYVAULT_CHALLENGE,
    // consents, keep-alive, access checks, token use
    PAGE_CURSOR_INVALID, CONSENT_NOT_FOUND, CONSENT_DISABLED, SECRET_NOT_CONSENT, TENANT_ID_INVALID, TENANT_BUSY, KEEPALIVE_BUSY, RUN_ABORTED,
    PARTNER_CENTER_REFUSED, GRAPH_REFUSED, API_UNREACHABLE, SCOPE_INVALID, TOKEN_USE_NOT_ALLOWED,
    // customers: their list, GDAP and application consents into them
    CUSTOMERS_REFRESH_BUSY, CUSTOMER_NOT_FOUND, CUSTOMER_APP_UNKNOWN, GDAP_NO_ACTIVE_RELATIONSHIP, GDAP_ROLES_INSUFFICIENT,
    CUSTOMER_CONSENT_FORBIDDEN, CUSTOMER_CONSENT_THROTTLED, CUSTOMER_CONSENT_REFUSED, CUSTOMER_TOKEN_FAILED, CUSTOMER_CONSENT_BUSY,
    // operators
    OPERATOR_SIGN_IN_REQUIRED, OPERATOR_MFA_MISSING, OPERATOR_AUTH_STALE, OPERATOR_FORBIDDEN, OPERATOR_TOKEN_INVALID, CSRF_INVALID,
    // alert channels
    ALERT_WEBHOOK_REFUSED, ALERT_WEBHOOK_TIMEOUT, ALERT_WEBHOOK_UNREACHABLE, ALERT_MAIL_FAILED, ALERT_MAIL_SESSION_MISSING,
    ALERTS_NOT_CONFIGURED,
    OPERATOR_SESSION_ENDED,
    // the database (audit trail, run history, coordination)
    DATABASE_UNAVAILABLE, MIGRATION_FAILED,
    /** The catalogue's generic entry: an error nobody recognised. */
    UNKNOWN;

    private final String code;

    FailureCode() {
        this.code = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    FailureCode(String code) {
        this.code = code;
    }

    /** The code as pages, JSON answers, metrics and the catalogue spell it, e.g. {@code id-token-audience}. */
    public String code() {
        return code;
    }

    /** The HTTP status the catalogue gives this failure. */
    public int status() {
        return FailureCatalogue.shared().find(code).orElseThrow().status();
    }

    public static Optional<FailureCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equalsIgnoreCase(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
