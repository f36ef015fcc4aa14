package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One keep-alive run per cluster: the lease row ({@link LeaseRow}) names the node running keep-alive until a time,
 * with a fencing number that grows with each new holder. Every decision about it is made under the row's database lock
 * ({@code SELECT … FOR UPDATE}), so two nodes asking at once are answered one after the other and only the first, or
 * a node asking after the holder's lease expired, gets it. The holder renews it while its run goes on; a holder that
 * dies stops renewing, and once the lease expires another node takes it — and with it the unfinished run, which it
 * continues with the tenants not yet done. A holder that was only stalled finds at its next renewal or tenant claim
 * that the fencing number moved on, and stops.
 */
@ApplicationScoped
public class KeepAliveLease {

    private final Database db;
    private final Duration duration;
    private final String node;

    @Inject
    public KeepAliveLease(Database db, Settings settings) {
        this(db, settings.get().store().keepAliveLease(), NodeName.get());
    }

    /** For tests that play several nodes in one JVM. */
    public KeepAliveLease(Database db, Duration duration, String node) {
        this.db = db;
        this.duration = duration;
        this.node = node;
    }

    protected KeepAliveLease() {
        this.db = null;
        this.duration = null;
        this.node = null;
    }

    public Duration duration() {
        return duration;
    }

    /** This node's name, as the lease and the run history carry it. */
    public String node() {
        return node;
    }

    /** Takes the lease unless another node holds a live one. */
    public Optional<LeaseGrant> acquire(Instant now) throws FailureException {
        return db.transaction(em -> {
            LeaseRow row = locked(em);
            if (row.holder != null && !row.holder.equals(node) && row.expiresMillis > now.toEpochMilli()) {
                return Optional.empty();
            }
            row.holder = node;
            row.expiresMillis = now.plus(duration).toEpochMilli();
            row.fencing++;
            return Optional.of(new LeaseGrant(node, row.fencing, Optional.ofNullable(row.runId)));
        });
    }

    /** Extends the lease; false when it is no longer this holding's (taken over after it expired). */
    public boolean renew(LeaseGrant grant, Instant now) throws FailureException {
        return db.transaction(em -> {
            LeaseRow row = locked(em);
            if (!holds(row, grant)) {
                return false;
            }
            row.expiresMillis = now.plus(duration).toEpochMilli();
            return true;
        });
    }

    /** Records the run this holding is doing, for a node that may have to continue it. */
    public boolean attach(LeaseGrant grant, String runId) throws FailureException {
        return db.transaction(em -> {
            LeaseRow row = locked(em);
            if (!holds(row, grant)) {
                return false;
            }
            row.runId = runId;
            return true;
        });
    }

    /** Gives the lease up after a run ended: the next run may start anywhere at once. */
    public void release(LeaseGrant grant) throws FailureException {
        db.transaction(em -> {
            LeaseRow row = locked(em);
            if (holds(row, grant)) {
                row.holder = null;
                row.expiresMillis = 0;
                row.runId = null;
            }
            return null;
        });
    }

    /** A run whose holder stopped renewing: the id to continue, once the lease expired. */
    public Optional<String> abandoned(Instant now) throws FailureException {
        return db.transaction(em -> {
            LeaseRow row = em.find(LeaseRow.class, LeaseRow.KEEPALIVE);
            return row.runId != null && row.expiresMillis <= now.toEpochMilli() ? Optional.of(row.runId) : Optional.empty();
        });
    }

    static LeaseRow locked(EntityManager em) {
        return em.find(LeaseRow.class, LeaseRow.KEEPALIVE, LockModeType.PESSIMISTIC_WRITE);
    }

    static boolean holds(LeaseRow row, LeaseGrant grant) {
        return grant.holder().equals(row.holder) && row.fencing == grant.fencing();
    }
}
