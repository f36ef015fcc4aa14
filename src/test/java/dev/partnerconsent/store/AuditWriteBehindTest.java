package dev.partnerconsent.store;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link AuditTrail#recordSoon}: queued events, written by the writer or before any reader on this node looks. */
class AuditWriteBehindTest {

    private static final String TENANT = "6d0f3c1a-5b7e-4a8e-9d41-2a6f1c0e9b22";

    @Test
    void aReaderWritesTheQueueFirstWithTheTimesTheEventsHappened() throws Exception {
        DataSource ds = TestDatabases.fresh();
        List<Runnable> writers = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        AuditTrailTest.MutableClock clock = new AuditTrailTest.MutableClock(t0);
        AuditTrail trail = new AuditTrail(Database.on(ds), clock, writers::add); // the writer never runs on its own

        for (int i = 0; i < 3; i++) {
            clock.now = t0.plusSeconds(i);
            trail.recordSoon(AuditEvent.of(AuditKind.CONSENT_STORED, "admin@partner", TENANT, "consent " + i));
        }
        assertEquals(0, rows(ds), "recordSoon returns before anything is written");
        assertEquals(1, writers.size(), "one writer is scheduled for the three events");

        clock.now = t0.plus(Duration.ofHours(1));
        List<AuditRecord> listed = trail.list(AuditFilter.ALL, 0, 10).items();
        assertEquals(List.of("consent 2", "consent 1", "consent 0"), listed.stream().map(AuditRecord::detail).toList());
        assertEquals(List.of(t0.plusSeconds(2), t0.plusSeconds(1), t0), listed.stream().map(AuditRecord::at).toList(),
                "each row keeps the time it was recorded, not the time it was written");

        writers.get(0).run();
        assertEquals(3, rows(ds), "the writer finds nothing left to write twice");
        assertTrue(trail.verify().intact());
    }

    @Test
    void theWriterWritesInBatchesOffTheCallersThread() throws Exception {
        DataSource ds = TestDatabases.fresh();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AuditTrail trail = new AuditTrail(Database.on(ds), Clock.systemUTC(), task -> pool.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        }));
        IntStream.range(0, 450).forEach(i ->
                trail.recordSoon(AuditEvent.of(AuditKind.CONSENT_REFUSED, "unknown", TENANT, "refused " + i)));
        assertEquals(0, rows(ds));

        release.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(450, rows(ds), "the writer wrote every queued event without a reader asking");
        assertEquals("refused 449", trail.list(AuditFilter.ALL, 0, 1).items().get(0).detail(), "in the order recorded");
        AuditVerification v = trail.verify();
        assertTrue(v.intact(), v.reason());
        assertEquals(450, v.checked());
    }

    @Test
    void eventsWaitInOrderWhileTheDatabaseRefusesThem() throws Exception {
        DataSource ds = TestDatabases.fresh();
        AuditTrail trail = new AuditTrail(Database.on(ds), Clock.systemUTC(), Runnable::run);
        trail.recordSoon(AuditEvent.of(AuditKind.CONSENT_STORED, "admin@partner", TENANT, "before"));
        AuditTrailTest.sql(ds, "ALTER TABLE audit_event RENAME TO audit_event_away");
        trail.recordSoon(AuditEvent.of(AuditKind.CONSENT_STORED, "admin@partner", TENANT, "during 1"));
        trail.recordSoon(AuditEvent.of(AuditKind.CONSENT_REFUSED, "admin@partner", TENANT, "during 2"));
        AuditTrailTest.sql(ds, "ALTER TABLE audit_event_away RENAME TO audit_event");

        assertEquals(1, rows(ds), "nothing was written while the table was away");
        assertEquals(List.of("during 2", "during 1", "before"),
                trail.list(AuditFilter.ALL, 0, 10).items().stream().map(AuditRecord::detail).toList());
        assertTrue(trail.verify().intact());
    }

    @Test
    void aFullQueueDropsNewEventsInsteadOfHoldingUpTheCaller() throws Exception {
        DataSource ds = TestDatabases.fresh();
        AuditTrail trail = new AuditTrail(Database.on(ds), Clock.systemUTC(), task -> { });
        for (int i = 0; i <= AuditTrail.QUEUE_CAPACITY; i++) {
            trail.recordSoon(AuditEvent.of(AuditKind.CONSENT_REFUSED, "unknown", TENANT, "refused " + i));
        }
        Paged<AuditRecord> page = trail.list(AuditFilter.ALL, 0, 1);
        assertEquals(AuditTrail.QUEUE_CAPACITY, page.total());
        assertEquals("refused " + (AuditTrail.QUEUE_CAPACITY - 1), page.items().get(0).detail(), "the last one was dropped");
    }

    private static long rows(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_event")) {
            r.next();
            return r.getLong(1);
        }
    }
}
