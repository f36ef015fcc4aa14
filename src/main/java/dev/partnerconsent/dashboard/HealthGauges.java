package dev.partnerconsent.dashboard;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.diagnostics.MetricsSink;
import dev.partnerconsent.health.HealthState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One gauge per health state, {@code partnerconsent_consents{state="…"}}: six series, however many consents. A scrape
 * reads counts at most once per {@link #FRESH} (every scraper and node would otherwise count the table each time); when
 * the database cannot answer, the gauges keep the last counts (the readiness check reports the database).
 */
@ApplicationScoped
public class HealthGauges {

    public static final String NAME = "partnerconsent_consents";
    static final Duration FRESH = Duration.ofSeconds(30);

    private final HealthOverview overview;
    private final Instance<MetricsSink> sinks;
    private final Clock clock;
    private Map<HealthState, Long> counts = new EnumMap<>(HealthState.class);
    private Instant countedAt = Instant.MIN;

    @Inject
    public HealthGauges(HealthOverview overview, @Any Instance<MetricsSink> sinks, Clock clock) {
        this.overview = overview;
        this.sinks = sinks;
        this.clock = clock;
    }

    protected HealthGauges() {
        this(null, null, null);
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        sinks.forEach(sink -> {
            for (HealthState state : HealthState.values()) {
                sink.gauge(NAME, "Stored consents in this health state (from the health ledger, at most "
                        + FRESH.toSeconds() + " s old)", "state", state.code(), () -> count(state));
            }
        });
    }

    synchronized long count(HealthState state) {
        Instant now = clock.instant();
        if (now.isAfter(countedAt.plus(FRESH))) {
            try {
                counts = overview.counts();
                countedAt = now;
            } catch (FailureException e) {
                countedAt = now; // try again after FRESH, not on every scrape
            }
        }
        return counts.getOrDefault(state, 0L);
    }
}
