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
    GDAP_NO_ACTIVE("gdap-no-active-relationship", "has customers without an active GDAP relationship", false),
    GDAP_ENDING("gdap-ending", "has GDAP relationships ending within 30 days without auto-extend", false),
    GDAP_GLOBAL_ADMIN("gdap-global-administrator", "has GDAP relationships holding Global Administrator", false),
    GDAP_ROLES_INSUFFICIENT("gdap-roles-insufficient", "has customers whose GDAP roles cannot consent an application", false),
    TEST("test", "test alert from the setup check");

    private final String code;
    private final String phrase;
    private final boolean reconsent;

    AlertKind(String code, String phrase) {
        this(code, phrase, true);
    }

    AlertKind(String code, String phrase, boolean reconsent) {
        this.code = code;
        this.phrase = phrase;
        this.reconsent = reconsent;
    }

    /** Whether a new consent by the partner admin is what helps, so the alert carries the re-consent link. */
    public boolean offersReconsent() {
        return reconsent;
    }

    public String code() {
        return code;
    }

    /** Completes "Tenant X …" or "PartnerConsent: …" in a subject line. */
    public String phrase() {
        return phrase;
    }
}
