package dev.partnerconsent.signin;

import dev.partnerconsent.vault.StoredConsent;

/** What the result page shows after a consent was stored: who, which tenant, MFA, and where it went. */
public record ConsentResult(SignedInPartner partner, StoredConsent stored, boolean mfaRequired) {

    public boolean mfaMissing() {
        return !partner.mfa();
    }
}
