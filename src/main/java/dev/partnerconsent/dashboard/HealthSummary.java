package dev.partnerconsent.dashboard;

import dev.partnerconsent.health.ExpiryTimeline;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.store.StoredRun;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The consents' health at one moment.
 *
 * @param at       when it was counted
 * @param counts   consents per state, every state present
 * @param timeline consents by re-consent-by week, the next {@value ExpiryTimeline#WEEKS} weeks
 * @param lastRun  the last keep-alive run over every consent, if any ran
 */
public record HealthSummary(Instant at, Map<HealthState, Long> counts, ExpiryTimeline timeline, Optional<StoredRun> lastRun) {

    public HealthSummary {
        counts = Map.copyOf(counts);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(HealthState state) {
        return counts.getOrDefault(state, 0L);
    }
}
