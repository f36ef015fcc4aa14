package dev.partnerconsent.health;

import java.time.Instant;
import java.util.Optional;

/**
 * What is known about one stored consent, from its secret's tags and keep-alive's records.
 *
 * @param lastIssuedAt    when Entra issued the stored refresh token (the version's creation)
 * @param mfa             whether the stored token carries MFA evidence
 * @param lastOutcome     {@code ok} or the failure code of the last refresh attempt; empty when never attempted
 * @param lastAttemptAt   when that attempt was made
 * @param lastRefreshedAt the last successful refresh
 * @param needsReconsent  marked dead by an earlier answer
 */
public record ConsentFacts(Instant lastIssuedAt, boolean mfa, Optional<String> lastOutcome, Optional<Instant> lastAttemptAt,
                           Optional<Instant> lastRefreshedAt, boolean needsReconsent) {
}
