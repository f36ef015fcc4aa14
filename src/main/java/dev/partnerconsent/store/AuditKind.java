package dev.partnerconsent.store;

import java.util.Locale;

/** What an audit row records; its code (e.g. {@code consent.stored}) is what the row, the API and filters carry. */
public enum AuditKind {
    CONSENT_STORED, CONSENT_REFUSED, CONSENT_REPLACED,
    KEEPALIVE_REFRESHED, KEEPALIVE_FAILED, VERSIONS_DISABLED,
    ACCESS_CHECKED, ACCESS_TOKEN_ISSUED, ACCESS_TOKEN_REFUSED,
    OPERATOR_SIGNED_IN, OPERATOR_SIGNED_OUT, OPERATOR_REFUSED,
    SESSION_REVOKED, SESSION_EXPIRED,
    AUDIT_PRUNED,
    CUSTOMERS_REFRESHED, CUSTOMERS_REFRESH_FAILED, CUSTOMER_CONSENTED, CUSTOMER_CONSENT_FAILED,
    ALERT_SENT, ALERT_FAILED;

    private final String code;

    AuditKind() {
        String n = name().toLowerCase(Locale.ROOT);
        int first = n.indexOf('_');
        this.code = n.substring(0, first) + "." + n.substring(first + 1).replace('_', '-');
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
