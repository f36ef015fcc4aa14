package dev.partnerconsent.signin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumed-state cache refuses a replay, and stays bounded in age and size whatever anonymous callers send. */
class ConsumedSignInsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aStateIsConsumedOnceUntilItsCookieWouldHaveExpired() {
        ConsumedSignIns consumed = new ConsumedSignIns();
        Instant expires = NOW.plus(SignInCookie.LIFETIME);
        assertTrue(consumed.consume("state-1", expires, NOW));
        assertFalse(consumed.consume("state-1", expires, NOW.plusSeconds(60)), "a replay within the lifetime");
        assertTrue(consumed.consume("state-2", expires.plusSeconds(1), expires.plusSeconds(1)), "after expiry ...");
        assertEquals(1, consumed.size(), "... the expired entry is gone");
    }

    @Test
    void theOldestEntriesGoWhenTheCacheIsFull() {
        ConsumedSignIns consumed = new ConsumedSignIns();
        Instant expires = NOW.plus(SignInCookie.LIFETIME);
        for (int i = 0; i < ConsumedSignIns.MAX_ENTRIES + 1_000; i++) {
            assertTrue(consumed.consume("state-" + i, expires, NOW));
        }
        assertEquals(ConsumedSignIns.MAX_ENTRIES, consumed.size());
        assertFalse(consumed.consume("state-" + (ConsumedSignIns.MAX_ENTRIES + 999), expires, NOW), "the newest are kept");
        assertTrue(consumed.consume("state-0", expires, NOW.plus(Duration.ofSeconds(1))), "the oldest went first");
    }
}
