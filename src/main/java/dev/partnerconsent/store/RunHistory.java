package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Keep-alive runs and every tenant's outcome in them, with no cap. A tenant is claimed before it is refreshed (its
 * outcome row written as {@code running}, one per run and tenant); in a cluster run the claim also checks the lease's
 * fencing number under the lease row's lock, so a node that lost the lease cannot start another tenant, and a node that
 * continues a run skips every tenant already claimed in it — a tenant is never refreshed twice by one run.
 */
@ApplicationScoped
public class RunHistory {

    /** Which outcomes to list. */
    public enum Only { ALL, FAILED, OK }

    private final Database db;
    private final Clock clock;

    @Inject
    public RunHistory(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    protected RunHistory() {
        this(null, null);
    }

    /** Records a run's start; a continued run (its id already stored) is left as it is. */
    public void begin(String id, Optional<String> tenant, String trigger, String node) throws FailureException {
        db.transaction(em -> {
            if (em.find(RunRow.class, id) == null) {
                em.persist(new RunRow(id, tenant.orElse(null), trigger, node, clock.millis()));
            }
            return null;
        });
    }

    /**
     * Claims {@code tenantId} for run {@code runId}: false when the run already has it (done or claimed by an earlier
     * holder) or, in a cluster run, when {@code grant} no longer holds the lease.
     */
    public boolean claim(String runId, String tenantId, Optional<LeaseGrant> grant) throws FailureException {
        return db.transaction(em -> {
            if (grant.isPresent() && !KeepAliveLease.holds(KeepAliveLease.locked(em), grant.get())) {
                return false;
            }
            if (em.find(OutcomeRow.class, OutcomeRow.key(runId, tenantId)) != null) {
                return false;
            }
            em.persist(new OutcomeRow(runId, tenantId, clock.millis()));
            return true;
        });
    }

    /** Completes a claimed tenant's outcome. */
    public void complete(String runId, String tenantId, String code, boolean needsReconsent, String detail,
                         Optional<String> version, int disabled) throws FailureException {
        db.transaction(em -> {
            OutcomeRow claimed = em.find(OutcomeRow.class, OutcomeRow.key(runId, tenantId));
            OutcomeRow row = claimed == null ? new OutcomeRow(runId, tenantId, clock.millis()) : claimed;
            row.code = code;
            row.ok = "ok".equals(code);
            row.needsReconsent = needsReconsent;
            row.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
            row.version = version.orElse(null);
            row.disabled = disabled;
            if (claimed == null) {
                em.persist(row);
            }
            return null;
        });
    }

    /** Ends a run: its counts are what its outcome rows say (whichever nodes wrote them). */
    public void finish(String runId, Optional<String> abortedBecause) throws FailureException {
        db.transaction(em -> {
            RunRow run = em.find(RunRow.class, runId);
            if (run == null) {
                return null;
            }
            List<OutcomeRow> all = em.createQuery("select o from OutcomeRow o where o.runId = :run", OutcomeRow.class)
                    .setParameter("run", runId).getResultList();
            run.consents = all.size();
            run.refreshed = (int) all.stream().filter(o -> o.ok).count();
            run.skipped = (int) all.stream().filter(o -> o.code.startsWith("skipped")).count();
            run.failed = all.size() - run.refreshed - run.skipped;
            run.needsReconsent = (int) all.stream().filter(o -> o.needsReconsent).count();
            run.endedMillis = clock.millis();
            run.abortedBecause = abortedBecause.map(a -> a.length() <= 1000 ? a : a.substring(0, 999) + "…").orElse(null);
            return null;
        });
    }

    public Optional<StoredRun> run(String id) throws FailureException {
        return db.transaction(em -> Optional.ofNullable(em.find(RunRow.class, id)).map(RunRow::stored));
    }

    /** The newest run over every consent (not a single tenant's refresh), if one ever started. */
    public Optional<StoredRun> lastSweep() throws FailureException {
        return db.transaction(em -> em.createQuery("select r from RunRow r where r.tenantId is null"
                        + " order by r.startedMillis desc, r.id", RunRow.class)
                .setMaxResults(1).getResultList().stream().findFirst().map(RunRow::stored));
    }

    /** Runs, newest first. */
    public Paged<StoredRun> runs(int page, int size) throws FailureException {
        int pageSize = Paged.size(size);
        int pageNo = Math.max(0, page);
        return db.transaction(em -> {
            long total = em.createQuery("select count(r) from RunRow r", Long.class).getSingleResult();
            List<StoredRun> items = em.createQuery("select r from RunRow r order by r.startedMillis desc, r.id", RunRow.class)
                    .setFirstResult(pageNo * pageSize).setMaxResults(pageSize).getResultList()
                    .stream().map(RunRow::stored).toList();
            return new Paged<>(items, pageNo, pageSize, total);
        });
    }

    /** One run's outcomes in the order they were claimed; {@code FAILED} is every outcome that is not ok or skipped. */
    public Paged<StoredOutcome> outcomes(String runId, Only only, int page, int size) throws FailureException {
        int pageSize = Paged.size(size);
        int pageNo = Math.max(0, page);
        String where = " where o.runId = :run" + switch (only) {
            case ALL -> "";
            case OK -> " and o.ok = true";
            case FAILED -> " and o.ok = false and o.code not like 'skipped%'";
        };
        return db.transaction(em -> {
            TypedQuery<Long> count = em.createQuery("select count(o) from OutcomeRow o" + where, Long.class)
                    .setParameter("run", runId);
            List<StoredOutcome> items = em.createQuery("select o from OutcomeRow o" + where + " order by o.claimedMillis, o.tenantId",
                            OutcomeRow.class)
                    .setParameter("run", runId).setFirstResult(pageNo * pageSize).setMaxResults(pageSize).getResultList()
                    .stream().map(OutcomeRow::stored).toList();
            return new Paged<>(items, pageNo, pageSize, count.getSingleResult());
        });
    }
}
