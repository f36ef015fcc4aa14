package dev.partnerconsent.dashboard;

import dev.partnerconsent.customers.FlagCounts;
import dev.partnerconsent.health.ExpiryTimeline;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.store.StoredRun;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health-summary} as JSON: counts per state (worst first), the re-consent-by weeks and the last
 * keep-alive run. Metadata only.
 *
 * @param generatedAt when it was counted (ISO-8601)
 * @param states      consents per state code, e.g. {@code needs-reconsent}, every state present
 * @param reconsentBy consents whose re-consent-by date falls in each of the next weeks, the week starting now first
 * @param lastRun     the last keep-alive run over every consent, or null
 * @param gdap        the customers cached from Partner Center and how many carry each GDAP flag
 */
public record HealthSummaryAnswer(String generatedAt, long total, Map<String, Long> states, List<Week> reconsentBy,
                                  StoredRun lastRun, Gdap gdap) {

    /** @param flags customers per flag code, e.g. {@code ends-within-30-days} */
    public record Gdap(long customers, Map<String, Long> flags) {
    }

    /** @param from the week's first day (UTC, ISO date) */
    public record Week(String from, long consents) {
    }

    static HealthSummaryAnswer of(HealthSummary s, FlagCounts gdap) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (HealthState state : HealthState.values()) {
            states.put(state.code(), s.count(state));
        }
        List<Week> weeks = s.timeline().weeks().stream()
                .map((ExpiryTimeline.Week w) -> new Week(w.start().toString(), w.count())).toList();
        Map<String, Long> flags = new LinkedHashMap<>();
        GdapCount.of(gdap).forEach(c -> flags.put(c.flag().code(), c.customers()));
        return new HealthSummaryAnswer(s.at().toString(), s.total(), states, weeks, s.lastRun().orElse(null),
                new Gdap(gdap.customers(), flags));
    }
}
