package dev.partnerconsent.store;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The real audit trail, telling tests when rows of a kind were written: work that audits on another thread (alert
 * deliveries) is awaited on the write itself, not on a guess of how long it takes.
 */
public final class WatchedAuditTrail extends AuditTrail {

    private final Map<String, Integer> written = new HashMap<>();

    public WatchedAuditTrail(Database db, Clock clock) {
        super(db, clock);
    }

    @Override
    public OptionalLong record(AuditEvent event) {
        OptionalLong seq = super.record(event);
        synchronized (this) {
            written.merge(event.kind().code(), 1, Integer::sum);
            notifyAll();
        }
        return seq;
    }

    /** Waits until {@code n} rows of {@code kind} (e.g. {@code alert.sent}) were written, or {@code timeout} passed. */
    public synchronized int await(String kind, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (written.getOrDefault(kind, 0) < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return written.getOrDefault(kind, 0);
    }
}
