package dev.partnerconsent.health;

import java.util.Locale;
import java.util.Set;

/**
 * What a failure code means for the stored consent, whatever operation met it. Entra's own codes are classified from
 * their catalogue entries: the ones whose fix is the admin signing in again make the consent need a new one.
 */
public enum FailureEffect {
    /** The token is dead or needs the admin back: revoked (50173), idle 90 days (700082), sign-in frequency (70043)... */
    RECONSENT,
    /** The token works but carries no MFA: Partner Center's 900421, or no MFA evidence at all. */
    MFA,
    /** Anything else: the app's setup, Key Vault, the network, Entra being unavailable. It may pass; keep-alive retries. */
    TRANSIENT;

    private static final Set<String> RECONSENT_CODES = Set.of(
            // revoked or expired refresh tokens, and the grants OAuth says are dead
            "AADSTS50173", "AADSTS700082", "AADSTS700084", "AADSTS70008", "AADSTS70043", "AADSTS9002313",
            "invalid_grant",
            // a policy or consent the admin must satisfy interactively: a refresh cannot
            "AADSTS50076", "AADSTS50074", "AADSTS50078", "AADSTS50079", "AADSTS53003", "AADSTS53000", "AADSTS65001",
            "AADSTS65004", "AADSTS50105", "AADSTS50053", "AADSTS50055", "AADSTS50057", "AADSTS50034",
            "interaction_required", "consent_required", "access_denied",
            // the secret is gone (deleted or purged): only a new consent puts one back
            "consent-not-found");
    private static final Set<String> MFA_CODES = Set.of("AADSTS900421", "mfa-missing");

    public static FailureEffect of(String code) {
        if (code == null) {
            return TRANSIENT;
        }
        String c = code.startsWith("AADSTS") ? code : code.toLowerCase(Locale.ROOT);
        if (MFA_CODES.contains(c)) {
            return MFA;
        }
        return RECONSENT_CODES.contains(c) ? RECONSENT : TRANSIENT;
    }
}
