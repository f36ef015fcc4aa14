package dev.partnerconsent.signin;

import dev.partnerconsent.vault.StoredConsent;

/**
 * What the result page shows after a consent was stored: who, which tenant, MFA, and where it went.
 *
 * @param companyName the partner's company name as Partner Center answered it (empty when it gave none)
 */
public record ConsentResult(SignedInPartner partner, StoredConsent stored, boolean mfaRequired, String companyName) {

    public boolean mfaMissing() {
        return !partner.mfa();
    }
}
