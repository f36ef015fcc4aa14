package dev.partnerconsent.lifecycle;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Schedules keep-alive on the server's managed scheduled executor: first after
 * {@code partnerconsent.keepalive.initial-delay}, then every {@code partnerconsent.keepalive.interval} (weekly by
 * default, well inside the 90 days an unused refresh token lives). A run still going when the next is due makes the
 * next one a no-op: runs never overlap. Every node schedules it; the cluster's lease lets one of them run it. Each node
 * also looks, twice per lease period, for a run whose node died (its lease expired with the run unfinished) and
 * continues it.
 */
@ApplicationScoped
public class KeepAliveScheduler {

    private static final Logger LOG = Logger.getLogger(KeepAliveScheduler.class.getName());

    private final KeepAlive keepAlive;
    private final LifecycleSettings settings;
    private final ManagedExecutors executors;
    private volatile ScheduledFuture<?> schedule;
    private volatile ScheduledFuture<?> takeover;

    @Inject
    public KeepAliveScheduler(KeepAlive keepAlive, LifecycleSettings settings, ManagedExecutors executors) {
        this.keepAlive = keepAlive;
        this.settings = settings;
        this.executors = executors;
    }

    protected KeepAliveScheduler() {
        this(null, null, null);
    }

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long watch = Math.max(1_000, keepAlive.leaseDuration().toMillis() / 2);
        takeover = executors.scheduler().scheduleWithFixedDelay(keepAlive::resumeAbandoned, watch, watch,
                TimeUnit.MILLISECONDS);
        if (!settings.enabled()) {
            LOG.info("Keep-alive is switched off (partnerconsent.keepalive.enabled=false): stored refresh tokens die after "
                    + "90 days unless something else redeems them.");
            return;
        }
        schedule = executors.scheduler().scheduleAtFixedRate(this::scheduledRun,
                settings.initialDelay().toSeconds(), settings.interval().toSeconds(), TimeUnit.SECONDS);
        LOG.info(() -> "Keep-alive scheduled: first run in " + settings.initialDelay() + ", then every " + settings.interval()
                + String.format(", %.0f Key Vault operations/s at most, %d tenants at once, %d version(s) kept enabled",
                settings.opsPerSecond(), settings.concurrency(), settings.keepVersions()));
    }

    private void scheduledRun() {
        try {
            keepAlive.runNow(Optional.empty(), "schedule");
        } catch (FailureException e) {
            LOG.warning(() -> "Scheduled keep-alive not started: " + e.failure().code() + ": " + e.failure().detail());
        }
    }

    @PreDestroy
    void stop() {
        for (ScheduledFuture<?> s : new ScheduledFuture<?>[] {schedule, takeover}) {
            if (s != null) {
                s.cancel(false);
            }
        }
    }
}
