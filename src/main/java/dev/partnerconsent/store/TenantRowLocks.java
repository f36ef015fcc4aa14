package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serializes the rotations of one tenant across nodes: the work runs inside a transaction that holds the tenant's
 * row lock ({@code SELECT … FOR UPDATE} on {@link TenantRow}), so a second node's rotation of the tenant waits until
 * the first one committed — and then lists the versions the first one wrote. The row is created on first use, in the
 * same transaction.
 */
@ApplicationScoped
public class TenantRowLocks {

    private static final int CREATE_ATTEMPTS = 3;

    private final Database db;

    @Inject
    public TenantRowLocks(Database db) {
        this.db = db;
    }

    protected TenantRowLocks() {
        this(null);
    }

    /** What runs while the row lock is held. */
    @FunctionalInterface
    public interface Locked<T> {
        T run() throws FailureException;
    }

    /**
     * Runs {@code work} holding the tenant's row lock; the lock goes with the transaction's end.
     *
     * @throws FailureException the work's failure, or {@code database-unavailable}
     */
    public <T> T exclusively(String tenantId, Locked<T> work) throws FailureException {
        String id = tenantId.toLowerCase(Locale.ROOT);
        AtomicBoolean started = new AtomicBoolean();
        Locked<T> once = () -> {
            started.set(true);
            return work.run();
        };
        for (int attempt = 1; ; attempt++) {
            try {
                return locked(id, once);
            } catch (FailureException e) {
                // before the work started, a failure is most likely another node creating the tenant's row at the
                // same moment: it exists once that commits, and the next attempt locks it
                if (started.get() || attempt == CREATE_ATTEMPTS
                        || !FailureCode.DATABASE_UNAVAILABLE.code().equals(e.failure().code())) {
                    throw e;
                }
            }
        }
    }

    /**
     * One transaction: the row locked, or created when the tenant has none yet (an uncommitted new row is as locked:
     * another node's insert of the same key waits for this commit, then fails and is retried as a lock).
     */
    private <T> T locked(String id, Locked<T> work) throws FailureException {
        return db.transaction(em -> {
            TenantRow row = em.find(TenantRow.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                row = new TenantRow(id);
                em.persist(row);
                em.flush();
            }
            T result = work.run();
            row.rotations++;
            return result;
        });
    }

    /** For the unit of work's own checks: how many writes the tenant's row has counted. */
    public long writes(String tenantId) throws FailureException {
        String id = tenantId.toLowerCase(Locale.ROOT);
        return db.transaction(em -> {
            TenantRow row = em.find(TenantRow.class, id);
            return row == null ? 0L : row.rotations;
        });
    }

}
