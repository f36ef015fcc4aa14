package dev.partnerconsent.operator;

import dev.partnerconsent.lifecycle.InventoryEntry;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;

/**
 * One stored consent as {@code GET /api/consents} lists it (JSON-B); absent values are {@code null}, never left out.
 * {@code health} is one of {@code needs-reconsent}, {@code mfa-missing}, {@code failing}, {@code expiring},
 * {@code never-refreshed}, {@code healthy}; {@code healthCause} the catalogue code behind it.
 */
@JsonbNillable
public record ConsentAnswer(String tenantId, String secretName, String latestVersion, int versions, int enabledVersions,
                            String consentedBy, Instant consentedAt, boolean mfa, Instant lastIssuedAt,
                            Instant lastRefreshedAt, String lastRefreshOutcome, String lastRefreshOutcomeMeaning,
                            boolean needsReconsent, Instant diesAt, long daysLeft, boolean warning, String reconsentLink,
                            String health, Instant reconsentBy, String healthCause) {

    static ConsentAnswer of(InventoryEntry e, String contextPath) {
        return new ConsentAnswer(e.tenantId(), e.secretName(), e.latestVersion(), e.versions(), e.enabledVersions(),
                e.consentedBy(), e.consentedAt().orElse(null), e.mfa(), e.lastIssuedAt(), e.lastRefreshedAt().orElse(null),
                e.lastOutcome().orElse(null), e.outcomeMeaning(), e.needsReconsent(), e.diesAt(), e.daysLeft(), e.warning(),
                contextPath + e.reconsentLink(), e.health().state().code(), e.health().reconsentBy(),
                e.health().cause().orElse(null));
    }
}
