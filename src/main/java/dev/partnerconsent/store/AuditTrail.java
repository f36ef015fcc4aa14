package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The audit trail: appends events as hash-chained rows, lists them, verifies the chain and prunes by retention.
 * <p>
 * Appends are serial across nodes: each one locks the chain's head row ({@link ChainHead}, {@code SELECT … FOR
 * UPDATE}) in its transaction, takes the next number and the last hash from it, writes the row and moves the head —
 * a second node's append waits for the first one's commit and then reads the head that commit wrote, so no two rows
 * get one number or link to one predecessor. On one node appends also queue on a local lock first, so they do not
 * pile up on the database lock.
 * <p>
 * {@link #recordSoon} is for paths whose answer must not wait for the database (the consent callback): the event is
 * queued with its time and written within milliseconds by one writer on the server's managed executor, many at a time
 * under one lock of the head. Every read, verification, pruning and synchronous append on this node writes the queue
 * first, so this node's readers see what it recorded; what a node had queued is lost only if its JVM dies before the
 * writer ran (the vault's version tags still name the consenter). Tokens issued are recorded synchronously, before
 * they leave.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final int VERIFY_BATCH = 1000;
    /** Rows written in one transaction by the writer; bounds the time the head stays locked. */
    private static final int WRITE_BATCH = 200;
    /** Queued events kept while the database is unreachable; past this, new ones are logged and dropped. */
    static final int QUEUE_CAPACITY = 10_000;

    private final Database db;
    private final Clock clock;
    private final ReentrantLock appends = new ReentrantLock(true);
    private final BlockingDeque<Queued> queued = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
    private final AtomicBoolean writerScheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    /** Whether the last batch failed: the writer then stands down until the next event or reader tries again. */
    private volatile boolean failing;
    private final Executor writerOverride;
    @Resource
    private ManagedExecutorService managed;

    @Inject
    public AuditTrail(Database db, Clock clock) {
        this(db, clock, null);
    }

    /** @param writer runs the queue's writer; tests hand in their own (the container's managed executor otherwise) */
    public AuditTrail(Database db, Clock clock, Executor writer) {
        this.db = db;
        this.clock = clock;
        this.writerOverride = writer;
    }

    protected AuditTrail() {
        this(null, null, null);
    }

    /** An event waiting for the writer, with the time it happened. */
    private record Queued(AuditEvent event, long atMillis) {
    }

    /**
     * Queues {@code event} for the writer and returns at once. A full queue (the database has been failing for a while)
     * drops the event with a warning rather than holding up the caller.
     */
    public void recordSoon(AuditEvent event) {
        if (!queued.offerLast(new Queued(event, clock.instant().toEpochMilli()))) {
            long n = dropped.incrementAndGet();
            if (n % 1000 == 1) { // a flood must not flood the log as well
                LOG.warning(() -> n + " audit event(s) not written: " + QUEUE_CAPACITY
                        + " events are already waiting for the database.");
            }
            return;
        }
        scheduleWriter();
    }

    private void scheduleWriter() {
        if (!writerScheduled.compareAndSet(false, true)) {
            return;
        }
        // outside a container (unit tests without an executor of their own) the writer runs on the caller's thread
        Executor executor = writerOverride != null ? writerOverride : managed != null ? managed : Runnable::run;
        try {
            executor.execute(this::writeQueued);
        } catch (RejectedExecutionException e) {
            // shutting down: the next reader or @PreDestroy writes the queue
            writerScheduled.set(false);
        }
    }

    /** The writer: empties the queue in batches, then stands down (a later event schedules it again). */
    private void writeQueued() {
        try {
            writeQueuedBatches();
        } finally {
            writerScheduled.set(false);
        }
        if (!queued.isEmpty() && !failing) {
            scheduleWriter(); // queued between the last poll and standing down
        }
    }

    /** Writes everything queued so far; false when the database refused (the events stay queued, in order). */
    private boolean writeQueuedBatches() {
        appends.lock();
        try {
            while (!queued.isEmpty()) {
                List<Queued> batch = new ArrayList<>(WRITE_BATCH);
                queued.drainTo(batch, WRITE_BATCH);
                try {
                    db.transaction(em -> {
                        for (Queued q : batch) {
                            append(em, q.event(), q.atMillis());
                        }
                        return batch.size();
                    });
                    failing = false;
                } catch (FailureException e) {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        if (!queued.offerFirst(batch.get(i))) {
                            dropped.incrementAndGet(); // the queue filled while this batch was out: oldest go
                        }
                    }
                    failing = true;
                    LOG.warning(() -> batch.size() + " audit events not written yet: " + e.failure().code());
                    return false;
                }
            }
            return true;
        } finally {
            appends.unlock();
        }
    }

    /** Writes this node's queue before a reader looks, so it sees what this node recorded. */
    private void flush() {
        if (!queued.isEmpty()) {
            writeQueuedBatches();
        }
    }

    /** Writes what is still queued when the application stops. */
    @PreDestroy
    void writeQueueOnStop() {
        flush();
    }

    /**
     * Appends {@code event}. An audit trail that cannot be written does not stop the work it records: the failure is
     * logged (kind and code, no values) and the readiness check shows the database problem.
     *
     * @return the row's number, or empty when it could not be written
     */
    public OptionalLong record(AuditEvent event) {
        try {
            return OptionalLong.of(append(event));
        } catch (FailureException e) {
            LOG.warning(() -> "Audit event " + event.kind() + " not written: " + e.failure().code());
            return OptionalLong.empty();
        }
    }

    /** Appends {@code event} or fails. */
    public long append(AuditEvent event) throws FailureException {
        appends.lock();
        try {
            flush();
            return db.transaction(em -> append(em, event, clock.instant().toEpochMilli()));
        } finally {
            appends.unlock();
        }
    }

    private long append(EntityManager em, AuditEvent event, long atMillis) {
        ChainHead head = em.find(ChainHead.class, ChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        AuditRow row = new AuditRow(head.lastSeq + 1, atMillis, event, head.lastHash);
        em.persist(row);
        head.lastSeq = row.seq;
        head.lastHash = row.hash;
        return row.seq;
    }

    /** Rows matching {@code filter}, newest first. */
    public Paged<AuditRecord> list(AuditFilter filter, int page, int size) throws FailureException {
        int pageSize = Paged.size(size);
        int pageNo = Math.max(0, page);
        flush();
        return db.transaction(em -> {
            Map<String, Object> params = new HashMap<>();
            String where = where(filter, params);
            TypedQuery<Long> count = em.createQuery("select count(r) from AuditRow r" + where, Long.class);
            TypedQuery<AuditRow> rows = em.createQuery("select r from AuditRow r" + where + " order by r.seq desc",
                    AuditRow.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                rows.setParameter(k, v);
            });
            List<AuditRecord> items = rows.setFirstResult(pageNo * pageSize).setMaxResults(pageSize).getResultList()
                    .stream().map(AuditRow::record).toList();
            return new Paged<>(items, pageNo, pageSize, count.getSingleResult());
        });
    }

    private static String where(AuditFilter f, Map<String, Object> params) {
        List<String> terms = new ArrayList<>();
        f.tenant().ifPresent(t -> {
            terms.add("r.tenantId = :tenant");
            params.put("tenant", t);
        });
        f.kind().ifPresent(k -> {
            terms.add("r.kind = :kind");
            params.put("kind", k);
        });
        f.actor().ifPresent(a -> {
            terms.add("r.actor = :actor");
            params.put("actor", a);
        });
        f.from().ifPresent(t -> {
            terms.add("r.atMillis >= :from");
            params.put("from", t.toEpochMilli());
        });
        f.to().ifPresent(t -> {
            terms.add("r.atMillis < :to");
            params.put("to", t.toEpochMilli());
        });
        return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
    }

    /**
     * Walks the kept chain from its first row: each row must follow the previous one's number, name its hash, and hash
     * to what it says; the last one must be the head's. Names the first row where that fails.
     */
    public AuditVerification verify() throws FailureException {
        flush();
        return db.transaction(em -> {
            ChainHead head = em.find(ChainHead.class, ChainHead.ID);
            long expectedSeq = head.prunedBelow;
            String expectedPrev = head.prunedHash;
            long checked = 0;
            while (true) {
                List<AuditRow> batch = em.createQuery("select r from AuditRow r where r.seq >= :from order by r.seq",
                                AuditRow.class)
                        .setParameter("from", expectedSeq).setMaxResults(VERIFY_BATCH).getResultList();
                for (AuditRow r : batch) {
                    Optional<String> broken = r.seq != expectedSeq
                            ? Optional.of("row " + expectedSeq + " is missing (next kept row is " + r.seq + ")")
                            : !r.prevHash.equals(expectedPrev)
                            ? Optional.of("its previous-row hash does not match row " + (r.seq - 1))
                            : !ChainHash.of(r).equals(r.hash)
                            ? Optional.of("its content does not match its hash (altered after it was written)")
                            : Optional.empty();
                    if (broken.isPresent()) {
                        return new AuditVerification(false, checked, OptionalLong.of(Math.min(r.seq, expectedSeq)),
                                "Row " + Math.min(r.seq, expectedSeq) + ": " + broken.get() + ".", head.prunedBelow);
                    }
                    checked++;
                    expectedSeq = r.seq + 1;
                    expectedPrev = r.hash;
                }
                if (batch.size() < VERIFY_BATCH) {
                    break;
                }
                em.clear();
            }
            if (expectedSeq - 1 != head.lastSeq || !expectedPrev.equals(head.lastHash)) {
                long missing = expectedSeq;
                return new AuditVerification(false, checked, OptionalLong.of(missing), "Row " + missing
                        + ": missing; the chain's head names row " + head.lastSeq + ".", head.prunedBelow);
            }
            return new AuditVerification(true, checked, OptionalLong.empty(), "", head.prunedBelow);
        });
    }

    /**
     * Deletes the rows older than {@code cutoff} from the start of the chain and records the pruning as a row of its
     * own. The kept chain stays verifiable: the head remembers the hash the first kept row names.
     *
     * @return how many rows were deleted
     */
    public int prune(Instant cutoff, String actor) throws FailureException {
        appends.lock();
        try {
            flush();
            return db.transaction(em -> {
                ChainHead head = em.find(ChainHead.class, ChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
                List<AuditRow> firstKept = em.createQuery("select r from AuditRow r where r.atMillis >= :cutoff"
                                + " and r.seq >= :from order by r.seq", AuditRow.class)
                        .setParameter("cutoff", cutoff.toEpochMilli()).setParameter("from", head.prunedBelow)
                        .setMaxResults(1).getResultList();
                long keepFrom = firstKept.isEmpty() ? head.lastSeq + 1 : firstKept.get(0).seq;
                String keepPrev = firstKept.isEmpty() ? head.lastHash : firstKept.get(0).prevHash;
                int deleted = em.createQuery("delete from AuditRow r where r.seq < :keepFrom")
                        .setParameter("keepFrom", keepFrom).executeUpdate();
                if (deleted == 0) {
                    return 0;
                }
                head.prunedBelow = keepFrom;
                head.prunedHash = keepPrev;
                append(em, AuditEvent.of(AuditKind.AUDIT_PRUNED, actor, null, deleted + " rows older than " + cutoff
                        + " deleted; the chain now starts at row " + keepFrom + "."), clock.instant().toEpochMilli());
                return deleted;
            });
        } finally {
            appends.unlock();
        }
    }
}
