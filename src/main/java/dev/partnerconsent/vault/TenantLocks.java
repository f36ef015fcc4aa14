package dev.partnerconsent.vault;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the writes of one tenant's secret on this node: a rotation (read, redeem, write, retire) and a consent's
 * store never interleave, so a rotation cannot retire a version written while it ran. A fixed set of stripes keeps
 * memory bounded whatever tenant ids arrive; two tenants sharing a stripe only wait for each other.
 */
@ApplicationScoped
public class TenantLocks {

    /** Longer than one rotation can take: token endpoint and Key Vault calls each time out well before. */
    static final Duration WAIT = Duration.ofSeconds(90);
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Duration wait;

    public TenantLocks() {
        this(WAIT);
    }

    TenantLocks(Duration wait) {
        this.wait = wait;
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
            return action.run();
        } finally {
            lock.unlock();
        }
    }

    private static FailureException busy(String tenantId, Duration waited) {
        return new FailureException(FailureCode.TENANT_BUSY, "Another refresh or consent of tenant " + tenantId
                + " has been running for over " + waited.toSeconds() + " s; this one was not started.");
    }
}
