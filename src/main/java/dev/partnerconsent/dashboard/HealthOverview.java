package dev.partnerconsent.dashboard;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.health.ExpiryTimeline;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.store.WeekCount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Counts the consents' health for the dashboard and the API: a few indexed counts, no vault read. */
@ApplicationScoped
public class HealthOverview {

    private final HealthLedger ledger;
    private final RunHistory runs;
    private final Clock clock;

    @Inject
    public HealthOverview(HealthLedger ledger, RunHistory runs, Clock clock) {
        this.ledger = ledger;
        this.runs = runs;
        this.clock = clock;
    }

    protected HealthOverview() {
        this(null, null, null);
    }

    public HealthSummary summary() throws FailureException {
        Instant now = clock.instant();
        Map<HealthState, Long> counts = ledger.countsByState();
        ExpiryTimeline timeline = ExpiryTimeline.of(now, ledger.reconsentByWeeks(now, ExpiryTimeline.WEEKS).stream()
                .map(WeekCount::consents).toList());
        return new HealthSummary(now, counts, timeline, runs.lastSweep());
    }

    /** The consents in each state, for the gauges. */
    public Map<HealthState, Long> counts() throws FailureException {
        return ledger.countsByState();
    }
}
