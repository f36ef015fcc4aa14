package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.health.HealthRules;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.store.AlertClaims;
import dev.partnerconsent.store.HealthEntry;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.tenant.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The daily sweep over the ledger for what time alone brings: a re-consent-by date 14 days and 3 days away, and a
 * consent idle for 90 days. Each node looks every hour; the first to claim the day's sweep ({@link AlertClaims}) runs
 * it, so one node sweeps. A sweep covers the dates that came into each band since the previous sweep, so a day the
 * app was down is caught up and each consent is alerted once per band.
 */
@ApplicationScoped
public class ExpirySweep {

    static final Duration FIRST = Duration.ofMinutes(2);
    static final Duration EVERY = Duration.ofHours(1);
    static final int MAX_PER_BAND = 1_000;
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration THREE_DAYS = Duration.ofDays(3);
    private static final Logger LOG = Logger.getLogger(ExpirySweep.class.getName());

    private final HealthLedger ledger;
    private final AlertClaims claims;
    private final Alerting alerting;
    private final Clock clock;
    @Resource
    private ManagedScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> schedule;

    @Inject
    public ExpirySweep(HealthLedger ledger, AlertClaims claims, Alerting alerting, Clock clock) {
        this.ledger = ledger;
        this.claims = claims;
        this.alerting = alerting;
        this.clock = clock;
    }

    protected ExpirySweep() {
        this(null, null, null, null);
    }

    /** Not at once: a thread loading the app's classes while the server still deploys it can break them (payara/Payara#693). */
    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        schedule = scheduler.scheduleWithFixedDelay(this::sweepQuietly, FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (FailureException e) {
            LOG.warning(() -> "Expiry sweep not done: " + e.failure().code());
        }
    }

    /**
     * Sweeps unless today's sweep was done (here or elsewhere).
     *
     * @return the alerts raised; empty when another sweep had the day
     */
    public Optional<Integer> sweep() throws FailureException {
        Instant now = clock.instant();
        if (!claims.claim(AlertClaims.SWEEP, Optional.empty())) {
            return Optional.empty();
        }
        Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant last = claims.lastBefore(AlertClaims.SWEEP, today).orElse(now.minus(DAY));
        int raised = 0;
        for (HealthEntry e : ledger.reconsentByBetween(max(last.plus(HealthRules.EXPIRING_BAND), now.plus(THREE_DAYS)),
                now.plus(HealthRules.EXPIRING_BAND), MAX_PER_BAND)) {
            raised += raise(AlertKind.EXPIRING_14, e, "must be consented again by " + e.health().reconsentBy()
                    + ", within 14 days: after that its refresh token dies.");
        }
        for (HealthEntry e : ledger.reconsentByBetween(max(last.plus(THREE_DAYS), now), now.plus(THREE_DAYS), MAX_PER_BAND)) {
            raised += raise(AlertKind.EXPIRING_3, e, "must be consented again by " + e.health().reconsentBy()
                    + ", within 3 days: after that its refresh token dies.");
        }
        for (HealthEntry e : ledger.reconsentByBetween(last, now, MAX_PER_BAND)) {
            // time made these dead; those an answer of Entra's ended were alerted when it came
            if (e.health().state() == HealthState.NEEDS_RECONSENT && e.health().cause().filter("AADSTS700082"::equals).isPresent()) {
                raised += raise(AlertKind.NEEDS_RECONSENT, e, "has not been refreshed for 90 days: its refresh token "
                        + "died on " + e.health().reconsentBy() + ".");
            }
        }
        int total = raised;
        LOG.info(() -> "Expiry sweep since " + last + ": " + total + " alert(s) raised");
        return Optional.of(total);
    }

    private int raise(AlertKind kind, HealthEntry e, String detail) {
        return TenantId.parse(e.tenantId()).map(t -> alerting.raise(kind, Optional.of(t), e.displayName(), e.health().cause(),
                "The consent of " + e.displayName() + " " + detail) ? 1 : 0).orElse(0);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
