package dev.partnerconsent.vault;

import java.time.Instant;

/** Where a refresh token was stored: the secret's name and the new version's id. */
public record StoredConsent(String secretName, String version, Instant storedAt) {
}
