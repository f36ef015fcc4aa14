package dev.partnerconsent.store;

import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.health.ConsentHealth;

import java.time.Instant;

/**
 * One consent's health as the ledger answers it: metadata only, never a token.
 *
 * @param tenantId    the partner tenant (lower-case GUID)
 * @param displayName the partner's company name as kept at consent, or the tenant id when none is known
 * @param health      state, re-consent-by date and cause, as of the moment of the query
 * @param facts       what the state was decided from (last issue, MFA, last attempt and outcome)
 * @param updatedAt   when the row was last written
 */
public record HealthEntry(String tenantId, String displayName, ConsentHealth health, ConsentFacts facts, Instant updatedAt) {
}
