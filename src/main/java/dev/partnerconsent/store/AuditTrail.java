package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
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
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final int VERIFY_BATCH = 1000;

    private final Database db;
    private final Clock clock;
    private final ReentrantLock appends = new ReentrantLock(true);

    @Inject
    public AuditTrail(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    protected AuditTrail() {
        this(null, null);
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
            return db.transaction(em -> append(em, event));
        } finally {
            appends.unlock();
        }
    }

    private long append(EntityManager em, AuditEvent event) {
        ChainHead head = em.find(ChainHead.class, ChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        AuditRow row = new AuditRow(head.lastSeq + 1, clock.instant().toEpochMilli(), event, head.lastHash);
        em.persist(row);
        head.lastSeq = row.seq;
        head.lastHash = row.hash;
        return row.seq;
    }

    /** Rows matching {@code filter}, newest first. */
    public Paged<AuditRecord> list(AuditFilter filter, int page, int size) throws FailureException {
        int pageSize = Paged.size(size);
        int pageNo = Math.max(0, page);
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
                append(em, AuditEvent.of(AuditKind.AUDIT_PRUNED, actor, null, deleted
                        + " rows older than " + cutoff + " deleted; the chain now starts at row " + keepFrom + "."));
                return deleted;
            });
        } finally {
            appends.unlock();
        }
    }
}
