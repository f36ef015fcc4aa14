package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps audit rows for {@code partnerconsent.audit.retention} (400 days unless set): prunes older ones an hour after
 * startup and then daily; each pruning that deletes rows is itself a row ({@code audit.pruned}). Every node runs it;
 * prunings queue on the chain's head row, so a second one finds nothing left to delete.
 */
@ApplicationScoped
public class AuditRetention {

    static final Duration EVERY = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;
    private final AuditTrail trail;
    private final Duration retention;
    private final Clock clock;
    private volatile ScheduledFuture<?> schedule;

    @Inject
    public AuditRetention(AuditTrail trail, Settings settings, Clock clock) {
        this.trail = trail;
        this.retention = settings.get().store().auditRetention();
        this.clock = clock;
    }

    protected AuditRetention() {
        this.trail = null;
        this.retention = null;
        this.clock = null;
    }

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        schedule = scheduler.scheduleAtFixedRate(this::prune, TimeUnit.HOURS.toSeconds(1), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** @return the rows deleted */
    public int prune() {
        try {
            int deleted = trail.prune(clock.instant().minus(retention), "retention (" + retention.toDays() + " days)");
            if (deleted > 0) {
                LOG.info(() -> "Audit retention: " + deleted + " rows older than " + retention.toDays() + " days deleted.");
            }
            return deleted;
        } catch (FailureException e) {
            LOG.warning(() -> "Audit retention could not prune: " + e.failure().code());
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
