package dev.partnerconsent.lifecycle;

import dev.partnerconsent.alerts.AlertKind;
import dev.partnerconsent.alerts.Alerting;
import dev.partnerconsent.alerts.HealthWatch;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.KeepAliveLease;
import dev.partnerconsent.store.LeaseGrant;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.ConsentPage;
import dev.partnerconsent.vault.ConsentTags;
import dev.partnerconsent.vault.ListedConsent;
import dev.partnerconsent.vault.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps every stored consent alive: pages through the vault, redeems each tenant's refresh token and writes the
 * rotated one back ({@link TokenRotation}), with bounded concurrency and Key Vault calls paced at
 * {@code partnerconsent.keyvault.ops-per-second}. One tenant's failure is recorded on its secret and in the run's
 * report, and the run goes on. Runs never overlap: a run asked for while one is going is refused — on this node by
 * the run in hand, across the cluster by the {@link KeepAliveLease} a run over every consent takes first (and renews
 * while it goes on). Every run and each tenant's outcome goes into the {@link RunHistory}; a node that takes over the
 * lease of a holder that died continues its run with the tenants it had not claimed.
 */
@ApplicationScoped
public class KeepAlive {

    public static final int MAX_LISTED_FAILURES = 200;
    private static final Logger LOG = Logger.getLogger(KeepAlive.class.getName());

    private final TokenVault vault;
    private final TokenRotation rotation;
    private final LifecycleSettings settings;
    private final ManagedExecutors executors;
    private final AuditTrail audit;
    private final RunHistory history;
    private final KeepAliveLease lease;
    private final Alerting alerting;
    private final HealthWatch health;
    private final Clock clock;
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final AtomicReference<RunReport> last = new AtomicReference<>();
    private final Map<String, AtomicLong> failuresByCode = new ConcurrentHashMap<>();
    private final AtomicLong refreshedTotal = new AtomicLong();
    private final AtomicLong runsTotal = new AtomicLong();

    @Inject
    public KeepAlive(TokenVault vault, TokenRotation rotation, LifecycleSettings settings, ManagedExecutors executors,
                     AuditTrail audit, RunHistory history, KeepAliveLease lease, Alerting alerting, HealthWatch health,
                     Clock clock) {
        this.vault = vault;
        this.alerting = alerting;
        this.health = health;
        this.audit = audit;
        this.history = history;
        this.lease = lease;
        this.rotation = rotation;
        this.settings = settings;
        this.executors = executors;
        this.clock = clock;
    }

    protected KeepAlive() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Starts a run in the background unless one is going.
     *
     * @param tenant one tenant, or empty for every stored consent
     * @return the run's report as it starts, or empty when a run is already going here or elsewhere
     * @throws FailureException the database, which holds the cluster's lease, cannot be used
     */
    public Optional<RunReport> start(Optional<TenantId> tenant, String trigger) throws FailureException {
        return begin(tenant, trigger).map(run -> {
            try {
                CompletableFuture.runAsync(() -> execute(run), executors.scheduler());
            } catch (RejectedExecutionException e) {
                finish(run);
                throw e;
            }
            return run.report();
        });
    }

    /** Runs on the calling thread (one tenant from the page or the API, or the scheduler); empty when busy. */
    public Optional<RunReport> runNow(Optional<TenantId> tenant, String trigger) throws FailureException {
        return begin(tenant, trigger).map(run -> {
            execute(run);
            return run.report();
        });
    }

    /** How long the cluster's keep-alive lease lasts unless renewed. */
    public java.time.Duration leaseDuration() {
        return lease.duration();
    }

    public Optional<RunReport> running() {
        return Optional.ofNullable(current.get()).map(Run::report);
    }

    public Optional<RunReport> lastRun() {
        return Optional.ofNullable(last.get());
    }

    /** Counters since start: runs, tokens refreshed, failures by code. */
    public Map<String, Long> metrics() {
        Map<String, Long> m = new java.util.TreeMap<>();
        m.put("runs", runsTotal.get());
        m.put("refreshed", refreshedTotal.get());
        failuresByCode.forEach((code, n) -> m.put("failed." + code, n.get()));
        return m;
    }

    /**
     * Continues a run whose node died: when the lease expired with a run still attached to it, this node takes the
     * lease and goes on with the tenants that run had not claimed. Called periodically by {@link KeepAliveScheduler}.
     */
    public Optional<RunReport> resumeAbandoned() {
        try {
            Optional<String> abandoned = lease.abandoned(clock.instant());
            if (abandoned.isEmpty() || current.get() != null) {
                return Optional.empty();
            }
            LOG.info(() -> "Keep-alive run " + abandoned.get() + " was left unfinished by its node: continuing it here");
            return start(Optional.empty(), "takeover");
        } catch (FailureException e) {
            LOG.warning(() -> "Could not look for an abandoned keep-alive run: " + e.failure().code());
            return Optional.empty();
        }
    }

    private Optional<Run> begin(Optional<TenantId> tenant, String trigger) throws FailureException {
        Run run = new Run(UUID.randomUUID().toString(), tenant.orElse(null), trigger, clock.instant(),
                new Pacer(settings.opsPerSecond()), settings.opsPerSecond(), Optional.empty());
        if (!current.compareAndSet(null, run)) {
            LOG.info(() -> "Keep-alive asked for by " + trigger + " while run " + current.get().id + " is going: not started");
            return Optional.empty();
        }
        try {
            if (tenant.isPresent()) {
                history.begin(run.id, Optional.of(tenant.get().value()), trigger, lease.node());
            } else {
                Optional<LeaseGrant> grant = lease.acquire(clock.instant());
                if (grant.isEmpty()) {
                    current.compareAndSet(run, null);
                    LOG.info(() -> "Keep-alive asked for by " + trigger + " while another node holds the lease: not started");
                    return Optional.empty();
                }
                Run leased = new Run(grant.get().unfinishedRun().orElse(run.id), null, trigger, run.started, run.pacer,
                        run.configuredRate, grant);
                current.set(leased);
                run = leased;
                lease.attach(grant.get(), run.id);
                history.begin(run.id, Optional.empty(), trigger, lease.node());
            }
        } catch (FailureException e) {
            Run failed = run;
            current.compareAndSet(failed, null);
            failed.grant.ifPresent(this::releaseQuietly);
            throw e;
        }
        runsTotal.incrementAndGet();
        return Optional.of(run);
    }

    private void releaseQuietly(LeaseGrant grant) {
        try {
            lease.release(grant);
        } catch (FailureException e) {
            LOG.warning(() -> "Could not release the keep-alive lease (it expires by itself): " + e.failure().code());
        }
    }

    /** Renews the run's lease while it goes on; a lease taken over by another node stops the run's new tenants. */
    private void renew(Run run) {
        try {
            if (!lease.renew(run.grant.orElseThrow(), clock.instant())) {
                run.leaseLost = true;
            }
        } catch (FailureException e) {
            LOG.warning(() -> "Keep-alive run " + run.id + " could not renew its lease: " + e.failure().code());
        }
    }

    private void execute(Run run) {
        run.grant.ifPresent(g -> {
            long every = Math.max(1, lease.duration().toMillis() / 3);
            run.renewal = executors.scheduler().scheduleAtFixedRate(() -> renew(run), every, every, TimeUnit.MILLISECONDS);
        });
        LOG.info(() -> "Keep-alive run " + run.id + " started by " + run.trigger
                + (run.tenant != null ? " for tenant " + run.tenant : " for every stored consent"));
        try {
            if (run.tenant != null) {
                refreshOne(run, run.tenant.value(), Map.of());
            } else {
                sweep(run);
            }
        } catch (FailureException e) {
            run.abort(e.failure().code() + ": " + e.failure().detail());
            LOG.warning(() -> "Keep-alive run " + run.id + " stopped: " + e.failure().code() + ": " + e.failure().detail());
        } catch (RuntimeException e) {
            run.abort(e.getClass().getSimpleName());
            LOG.log(Level.SEVERE, "Keep-alive run " + run.id + " stopped by an unexpected " + e.getClass().getName());
        } finally {
            finish(run);
        }
    }

    private void finish(Run run) {
        run.ended = clock.instant();
        if (run.renewal != null) {
            run.renewal.cancel(false);
        }
        if (run.leaseLost) {
            run.abort("another node took the keep-alive lease over; it continues this run");
        }
        try {
            history.finish(run.id, Optional.ofNullable(run.abortedBecause));
        } catch (FailureException e) {
            LOG.warning(() -> "Keep-alive run " + run.id + " could not be recorded as ended: " + e.failure().code());
        }
        if (!run.leaseLost) {
            run.grant.ifPresent(this::releaseQuietly);
        }
        RunReport report = run.report();
        last.set(report);
        current.compareAndSet(run, null);
        alertOnEnd(run, report);
        LOG.info(() -> "Keep-alive run " + run.id + " ended: " + report.consents() + " consents, " + report.refreshed()
                + " refreshed, " + report.failed() + " failed (" + report.needsReconsent() + " need re-consent), "
                + report.skipped() + " skipped; " + report.vaultOps() + " Key Vault operations in " + report.duration()
                + String.format(" (%.1f/s, limit %.0f/s)", report.achievedOpsPerSecond(), report.configuredOpsPerSecond()));
    }

    /** Pages through the vault, refreshing up to {@code concurrency} tenants at once. */
    private void sweep(Run run) throws FailureException {
        int concurrency = settings.concurrency();
        Semaphore slots = new Semaphore(concurrency);
        Optional<String> cursor = Optional.empty();
        try {
            do {
                run.pacer.acquire();
                ConsentPage page = vault.page(cursor);
                page.consents().forEach(c -> run.listed.add(c.tenantId()));
                for (ListedConsent consent : page.consents()) {
                    if (run.leaseLost) {
                        break;
                    }
                    slots.acquire();
                    try {
                        executors.workers().execute(() -> {
                            try {
                                refreshOne(run, consent.tenantId(), consent.tags());
                            } finally {
                                slots.release();
                            }
                        });
                    } catch (RejectedExecutionException e) {
                        slots.release();
                        refreshOne(run, consent.tenantId(), consent.tags());
                    }
                }
                cursor = page.next();
            } while (cursor.isPresent() && !run.leaseLost);
            // wait for the last tenants: every slot back means every task ended
            if (!slots.tryAcquire(concurrency, 15, TimeUnit.MINUTES)) {
                run.abort("tenants still running after 15 minutes");
            } else if (!run.leaseLost && run.grant.flatMap(LeaseGrant::unfinishedRun).isEmpty()) {
                // the whole vault was listed by this run: a consent the ledger holds that it did not list is gone
                health.absentFromVault(run.listed, run.started);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.abort("interrupted");
        }
    }

    /** @param tenantId as the secret's tag says: checked here, where it comes out of the vault */
    private void refreshOne(Run run, String tenantId, Map<String, String> listedTags) {
        try {
            if (!history.claim(run.id, tenantId, run.grant)) {
                return; // done earlier in this run (by a node that died), or the lease went to another node
            }
        } catch (FailureException e) {
            LOG.warning(() -> "Keep-alive of tenant " + tenantId + " not started: " + e.failure().code());
            run.abort(e.failure().code() + ": the run's progress cannot be recorded");
            run.leaseLost = run.grant.isPresent();
            return;
        }
        run.consents.incrementAndGet();
        Optional<TenantId> tenant = TenantId.parse(tenantId);
        TenantOutcome outcome;
        if (tenant.isEmpty()) {
            outcome = new TenantOutcome(tenantId, FailureCode.TENANT_ID_INVALID.code(), false,
                    "The secret's tenantId tag is not a GUID; it was not refreshed.", Optional.empty(), 0);
        } else if ("true".equals(listedTags.get(ConsentTags.NEEDS_RECONSENT))) {
            // the current version holds a token Entra already refused for good: redeeming it again cannot help
            outcome = new TenantOutcome(tenantId, "skipped-needs-reconsent", true, "Refused earlier with "
                    + listedTags.getOrDefault(ConsentTags.LAST_OUTCOME, "?") + "; waiting for a new consent.",
                    Optional.empty(), 0);
        } else {
            try {
                Rotation r = rotation.redeemAndStore(tenant.get(), rotation.keepAliveScope(), run.pacer, actor(run));
                outcome = new TenantOutcome(tenantId, "ok", false, "Refreshed", Optional.of(r.stored().version()),
                        r.disabled());
            } catch (FailureException e) {
                String code = e.failure().code();
                outcome = new TenantOutcome(tenantId, code, TokenRotation.NEEDS_RECONSENT.contains(code),
                        e.failure().detail(), Optional.empty(), 0);
            } catch (RuntimeException e) {
                outcome = new TenantOutcome(tenantId, FailureCode.INTERNAL.code(), false,
                        "Unexpected " + e.getClass().getSimpleName(), Optional.empty(), 0);
                LOG.log(Level.SEVERE, "Keep-alive of tenant " + tenantId + " met an unexpected " + e.getClass().getName());
            }
        }
        run.record(outcome);
        try {
            history.complete(run.id, tenantId, outcome.code(), outcome.needsReconsent(), outcome.detail(),
                    outcome.newVersion(), outcome.disabled());
        } catch (FailureException e) {
            LOG.warning(() -> "Outcome of tenant " + tenantId + " in run " + run.id + " not recorded: " + e.failure().code());
        }
        if (!outcome.code().startsWith("skipped")) {
            audit.record(new AuditEvent(outcome.ok() ? AuditKind.KEEPALIVE_REFRESHED : AuditKind.KEEPALIVE_FAILED, actor(run),
                    Optional.of(tenantId), outcome.newVersion().map(v -> "version " + v),
                    "run " + run.id + ": " + outcome.code() + (outcome.needsReconsent() ? " (needs re-consent)" : "")));
        }
        if (outcome.ok()) {
            refreshedTotal.incrementAndGet();
        } else if (!outcome.code().startsWith("skipped")) {
            failuresByCode.computeIfAbsent(outcome.code(), c -> new AtomicLong()).incrementAndGet();
            TenantOutcome o = outcome;
            LOG.warning(() -> "Keep-alive of tenant " + tenantId + " failed: " + o.code()
                    + (o.needsReconsent() ? " (needs re-consent)" : ""));
        }
    }

    /** A run over every consent that was aborted or had failures is an alert (queued: this thread does not wait). */
    private void alertOnEnd(Run run, RunReport report) {
        if (run.tenant != null || run.leaseLost || report.failed() == 0) {
            return;
        }
        String counts = "Keep-alive run " + run.id + " (" + run.trigger + ") ended: " + report.consents() + " consents, "
                + report.refreshed() + " refreshed, " + report.failed() + " failed (" + report.needsReconsent()
                + " need re-consent).";
        if (run.abortedBecause != null) {
            alerting.raise(AlertKind.RUN_ABORTED, Optional.empty(), "-", Optional.of(FailureCode.RUN_ABORTED.code()),
                    counts + " It was aborted: " + run.abortedBecause);
        } else {
            // the commonest cause names the alert; the run's page lists each tenant's
            Optional<String> cause = report.failures().stream()
                    .collect(java.util.stream.Collectors.groupingBy(TenantOutcome::code, java.util.stream.Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
            alerting.raise(AlertKind.RUN_FAILED, Optional.empty(), "-", cause, counts);
        }
    }

    /** Who a run's rotations are done for, on the audit trail. */
    private static String actor(Run run) {
        return "keep-alive (" + run.trigger + ")";
    }

    /** The state of one run, shared by its threads. */
    private static final class Run {
        final String id;
        /** The one tenant of the run, or null for every stored consent. */
        final TenantId tenant;
        final String trigger;
        final Instant started;
        final Pacer pacer;
        final double configuredRate;
        final AtomicInteger consents = new AtomicInteger();
        final AtomicInteger refreshed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger needsReconsent = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        /** The cluster's lease, for a run over every consent. */
        final Optional<LeaseGrant> grant;
        volatile ScheduledFuture<?> renewal;
        volatile boolean leaseLost;
        final List<TenantOutcome> failures = Collections.synchronizedList(new ArrayList<>());
        /** Every tenant the run's listing held (a run over every consent): ids only. */
        final java.util.Set<String> listed = ConcurrentHashMap.newKeySet();
        volatile Instant ended;
        volatile String abortedBecause;

        Run(String id, TenantId tenant, String trigger, Instant started, Pacer pacer, double configuredRate,
            Optional<LeaseGrant> grant) {
            this.id = id;
            this.grant = grant;
            this.tenant = tenant;
            this.trigger = trigger;
            this.started = started;
            this.pacer = pacer;
            this.configuredRate = configuredRate;
        }

        void record(TenantOutcome o) {
            if (o.ok()) {
                refreshed.incrementAndGet();
                return;
            }
            if (o.needsReconsent()) {
                needsReconsent.incrementAndGet();
            }
            if (o.code().startsWith("skipped")) {
                skipped.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            if (failures.size() < MAX_LISTED_FAILURES) {
                failures.add(o);
            }
        }

        void abort(String why) {
            abortedBecause = why;
            record(new TenantOutcome(tenant == null ? "*" : tenant.value(), FailureCode.RUN_ABORTED.code(), false, why,
                    Optional.empty(), 0));
        }

        RunReport report() {
            List<TenantOutcome> listed;
            synchronized (failures) {
                listed = List.copyOf(failures);
            }
            return new RunReport(id, Optional.ofNullable(tenant).map(TenantId::value), trigger, started,
                    Optional.ofNullable(ended), consents.get(), refreshed.get(),
                    failed.get(), needsReconsent.get(), skipped.get(), pacer.permits(), configuredRate, listed);
        }
    }
}
