package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.Locale;

/**
 * Serializes the secret writes of one tenant across nodes: the work runs inside a transaction that holds the tenant's
 * row lock ({@code SELECT … FOR UPDATE} on {@link TenantRow}), so a second node's rotation of the tenant waits until
 * the first one committed — and then lists the versions the first one wrote. The row is created on first use.
 */
@ApplicationScoped
public class TenantRowLocks {

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
        ensureRow(id);
        return db.transaction(em -> {
            TenantRow row = em.find(TenantRow.class, id, LockModeType.PESSIMISTIC_WRITE);
            T result = work.run();
            row.rotations++;
            return result;
        });
    }

    /** Creates the tenant's row unless it exists; a concurrent creation elsewhere is as good. */
    private void ensureRow(String id) throws FailureException {
        if (db.transaction(em -> em.find(TenantRow.class, id) != null)) {
            return;
        }
        try {
            db.transaction(em -> {
                em.persist(new TenantRow(id));
                em.flush();
                return null;
            });
        } catch (FailureException e) {
            // another node or thread created it first (duplicate key); anything else shows when the lock is taken
            if (!db.transaction(em -> em.find(TenantRow.class, id) != null)) {
                throw e;
            }
        }
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
