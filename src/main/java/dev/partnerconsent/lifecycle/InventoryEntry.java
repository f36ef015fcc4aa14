package dev.partnerconsent.lifecycle;

import dev.partnerconsent.health.ConsentHealth;
import dev.partnerconsent.health.HealthRules;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored consent as the inventory shows it: metadata only, never the token.
 *
 * @param lastIssuedAt   when the stored token was issued (its version's creation): it dies 90 days later unless used
 * @param lastOutcome    {@code ok}, a failure code, or empty when never refreshed here
 * @param outcomeMeaning the catalogue's title for a failure code
 * @param warning        the token dies within 14 days, or already needs a new consent
 * @param health         its health state and re-consent-by date ({@link HealthRules})
 */
public record InventoryEntry(String tenantId, String secretName, String latestVersion, int versions, int enabledVersions,
                             String consentedBy, Optional<Instant> consentedAt, boolean mfa, Instant lastIssuedAt,
                             Optional<Instant> lastRefreshedAt, Optional<String> lastOutcome, String outcomeMeaning,
                             boolean needsReconsent, Instant diesAt, long daysLeft, boolean warning,
                             String reconsentLink, ConsentHealth health) {
}
