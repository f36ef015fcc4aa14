package dev.partnerconsent.alerts;

/** What an alert is about; its {@link #code()} keys de-duplication and reads in payloads. */
public enum AlertKind {
    NEEDS_RECONSENT("needs-reconsent", "needs a new consent"),
    EXPIRING_14("expiring-14-days", "must be consented again within 14 days"),
    EXPIRING_3("expiring-3-days", "must be consented again within 3 days"),
    MFA_MISSING("mfa-missing", "holds a token without MFA"),
    RUN_FAILED("keepalive-run-failed", "keep-alive run ended with failures"),
    RUN_ABORTED("keepalive-run-aborted", "keep-alive run was aborted"),
    ACCESS_CHECK_FAILED("access-check-failed", "failed its access check"),
    TEST("test", "test alert from the setup check");

    private final String code;
    private final String phrase;

    AlertKind(String code, String phrase) {
        this.code = code;
        this.phrase = phrase;
    }

    public String code() {
        return code;
    }

    /** Completes "Tenant X …" or "PartnerConsent: …" in a subject line. */
    public String phrase() {
        return phrase;
    }
}
