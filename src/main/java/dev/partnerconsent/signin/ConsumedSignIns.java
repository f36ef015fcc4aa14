package dev.partnerconsent.signin;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * States of sign-ins already completed on this node, kept until their cookie would have expired anyway, so that a
 * replayed callback is refused. (On another node a replay still fails at Entra ID: the code inside it is single-use.)
 * <p>
 * Bounded in age (an entry goes when its cookie expires) and in size ({@link #MAX_ENTRIES}: anyone can mint sign-in
 * cookies at /consent/start, so the oldest go first); insertion is O(1), and so is the eviction it pays for, amortised.
 */
@ApplicationScoped
public class ConsumedSignIns {

    static final int MAX_ENTRIES = 50_000;

    private record Entry(String state, Instant expiresAt) {
    }

    private final Map<String, Instant> consumed = new HashMap<>();
    /** The same entries in the order they were consumed, which is about the order they expire in. */
    private final ArrayDeque<Entry> order = new ArrayDeque<>();

    /** Marks the state used; false if it was used before. Callbacks are few: one lock is no contention. */
    public synchronized boolean consume(String state, Instant expiresAt, Instant now) {
        evict(now);
        if (consumed.putIfAbsent(state, expiresAt) != null) {
            return false;
        }
        order.add(new Entry(state, expiresAt));
        return true;
    }

    /** Entries tracked now (for tests). */
    synchronized int size() {
        return consumed.size();
    }

    private void evict(Instant now) {
        for (Entry head = order.peek(); head != null && (head.expiresAt().isBefore(now) || consumed.size() >= MAX_ENTRIES);
             head = order.peek()) {
            order.poll();
            consumed.remove(head.state(), head.expiresAt());
        }
    }
}
