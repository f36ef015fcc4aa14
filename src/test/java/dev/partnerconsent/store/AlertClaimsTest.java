package dev.partnerconsent.store;

import dev.partnerconsent.settings.SettableClock;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One alert per event, tenant and day, whichever node asks. */
class AlertClaimsTest {

    private static final String TENANT = "7d0f1c2e-9a3b-4c5d-8e6f-001122334455";

    @Test
    void oneClaimPerEventTenantAndDay() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-06-01T08:00:00Z"));
        AlertClaims claims = new AlertClaims(Database.on(TestDatabases.fresh()), clock);
        assertTrue(claims.claim("mfa-missing", Optional.of(TENANT)));
        assertFalse(claims.claim("mfa-missing", Optional.of(TENANT)));
        assertTrue(claims.claim("needs-reconsent", Optional.of(TENANT)), "another event");
        assertTrue(claims.claim("mfa-missing", Optional.of(TENANT.replace('7', '8'))), "another tenant");
        assertTrue(claims.claim("keepalive-run-failed", Optional.empty()));
        Instant day1 = clock.now;
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertTrue(claims.claim("mfa-missing", Optional.of(TENANT)), "the next day");
        assertEquals(Optional.empty(), claims.lastBefore(AlertClaims.SWEEP, clock.now));
        assertTrue(claims.claim(AlertClaims.SWEEP, Optional.empty()));
        assertEquals(Optional.empty(), claims.lastBefore(AlertClaims.SWEEP, clock.now));
        assertEquals(Optional.of(clock.now), claims.lastBefore(AlertClaims.SWEEP, clock.now.plusSeconds(1)));
        assertTrue(day1.isBefore(clock.now));
    }

    @Test
    void twoNodesAskingAtOnceSendOnce() throws Exception {
        DataSource ds = TestDatabases.fresh();
        SettableClock clock = new SettableClock(Instant.parse("2026-06-01T08:00:00Z"));
        List<AlertClaims> nodes = List.of(new AlertClaims(Database.on(ds), clock), new AlertClaims(Database.on(ds), clock));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                AlertClaims node = nodes.get(i % 2);
                answers.add(pool.submit(() -> {
                    go.await();
                    return node.claim("needs-reconsent", Optional.of(TENANT));
                }));
            }
            go.countDown();
            int sent = 0;
            for (Future<Boolean> f : answers) {
                sent += f.get() ? 1 : 0;
            }
            assertEquals(1, sent);
        } finally {
            pool.shutdownNow();
        }
    }
}
