package dev.partnerconsent.lifecycle;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces Key Vault calls evenly at a rate, across all threads of a run: each call reserves the next free slot
 * (1/rate apart) and waits for it. Even spacing keeps every one-second window at or under the rate, which is
 * what Key Vault's per-vault throttling (about 4,000 transactions per 10 s) counts.
 */
public final class Pacer {

    private final long intervalNanos;
    private final AtomicLong permits = new AtomicLong();
    private long nextSlot;

    public Pacer(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.nextSlot = System.nanoTime();
    }

    /** No pacing: for single on-demand calls, which are not part of a sweep. */
    public static Pacer unpaced() {
        return new Pacer(Double.POSITIVE_INFINITY);
    }

    /** Waits for the next slot; returns at once when the rate leaves room. */
    public void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        permits.incrementAndGet();
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing Key Vault calls");
            }
        }
    }

    /** How many calls were let through so far. */
    public long permits() {
        return permits.get();
    }
}
