package dev.partnerconsent.vault;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.TenantRowLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the writes of one tenant's secret: a rotation (read, redeem, write, retire) and a consent's store never
 * interleave, so a rotation cannot retire a version written while it ran. On this node a fixed set of stripes keeps
 * memory bounded whatever tenant ids arrive (two tenants sharing a stripe only wait for each other); across nodes the
 * tenant's database row is locked inside ({@link TenantRowLocks}), so each node queues locally first and holds at most
 * one database connection per tenant waiting.
 */
@ApplicationScoped
public class TenantLocks {

    /** Longer than one rotation can take: token endpoint and Key Vault calls each time out well before. */
    static final Duration WAIT = Duration.ofSeconds(90);
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Duration wait;
    /** Null for a tool that writes on its own (one node, no database). */
    private final TenantRowLocks rows;

    @Inject
    public TenantLocks(TenantRowLocks rows) {
        this(WAIT, rows);
    }

    /** This node only: for tools and tests that write to a vault no other node writes to. */
    public TenantLocks() {
        this(WAIT, null);
    }

    TenantLocks(Duration wait) {
        this(wait, null);
    }

    TenantLocks(Duration wait, TenantRowLocks rows) {
        this.wait = wait;
        this.rows = rows;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** What runs while the tenant's lock is held. */
    @FunctionalInterface
    public interface Exclusive<T> {
        T run() throws FailureException;
    }

    /**
     * Runs {@code action} holding the tenant's lock.
     *
     * @throws FailureException {@code tenant-busy} when another write of the tenant held the lock for {@link #WAIT}
     */
    public <T> T exclusively(String tenantId, Exclusive<T> action) throws FailureException {
        ReentrantLock lock = stripes[Math.floorMod(tenantId.toLowerCase(Locale.ROOT).hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(tenantId, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(tenantId, wait);
        }
        try {
            return rows == null ? action.run() : rows.exclusively(tenantId, action::run);
        } finally {
            lock.unlock();
        }
    }

    private static FailureException busy(String tenantId, Duration waited) {
        return new FailureException(FailureCode.TENANT_BUSY, "Another refresh or consent of tenant " + tenantId
                + " has been running for over " + waited.toSeconds() + " s; this one was not started.");
    }
}
