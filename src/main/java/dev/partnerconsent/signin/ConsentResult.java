package dev.partnerconsent.signin;

import dev.partnerconsent.vault.StoredConsent;

/**
 * What the result page shows after a consent was stored: who, which tenant, MFA, and where it went.
 *
 * @param companyName the partner's company name as Partner Center answered it (empty when it gave none)
 * @param replaced    whose consent (another user's) this one replaced as the tenant's current version
 */
public record ConsentResult(SignedInPartner partner, StoredConsent stored, boolean mfaRequired, String companyName,
                            Replaced replaced) {

    /** The other user whose consent was current before; both empty when there was none, or it was the same user's. */
    public record Replaced(String userPrincipalName, String objectId) {
        public boolean someone() {
            return !objectId.isEmpty();
        }
    }

    public boolean mfaMissing() {
        return !partner.mfa();
    }
}
