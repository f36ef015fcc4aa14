package dev.partnerconsent.lifecycle;

import dev.partnerconsent.entra.Redeemed;
import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.vault.StoredConsent;

/**
 * One redemption whose rotated refresh token was written back.
 *
 * @param stored   the new version holding the rotated token
 * @param disabled how many older versions were disabled
 * @param facts    the consent's health facts as the version written now tells them (MFA of the token just obtained)
 * @param nameHint a name for a consent the health ledger has none for (the consenting admin's domain)
 */
public record Rotation(Redeemed redeemed, StoredConsent stored, int disabled, ConsentFacts facts,
                       java.util.Optional<String> nameHint) {
}
