package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditTrailTest {

    private static final String TENANT = "0f3c1a52-5b7e-4a8e-9d41-2a6f1c0e9b11";

    @Test
    void appendedRowsChainAndVerify() throws Exception {
        AuditTrail trail = new AuditTrail(Database.on(TestDatabases.fresh()), Clock.systemUTC());
        long first = trail.append(AuditEvent.of(AuditKind.CONSENT_STORED, "admin@partner", TENANT, "version v1"));
        long second = trail.append(AuditEvent.of(AuditKind.ACCESS_TOKEN_ISSUED, "ops@partner", TENANT, "ok")
                .about("https://graph.microsoft.com/.default"));

        assertEquals(first + 1, second);
        Paged<AuditRecord> page = trail.list(AuditFilter.ALL, 0, 10);
        assertEquals(2, page.total());
        AuditRecord newest = page.items().get(0);
        assertEquals("access.token-issued", newest.kind());
        assertEquals(page.items().get(1).hash(), newest.prevHash(), "each row names the previous row's hash");
        AuditVerification v = trail.verify();
        assertTrue(v.intact(), v.reason());
        assertEquals(2, v.checked());
    }

    @Test
    void aRowAlteredInSqlIsNamed() throws Exception {
        DataSource ds = TestDatabases.fresh();
        AuditTrail trail = new AuditTrail(Database.on(ds), Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            trail.append(AuditEvent.of(AuditKind.KEEPALIVE_REFRESHED, "keep-alive", TENANT, "refreshed " + i));
        }
        sql(ds, "UPDATE audit_event SET actor = 'someone-else' WHERE seq = 3");

        AuditVerification v = trail.verify();
        assertFalse(v.intact());
        assertEquals(3, v.firstBroken().getAsLong(), v.reason());
    }

    @Test
    void aDeletedRowIsNamed() throws Exception {
        DataSource ds = TestDatabases.fresh();
        AuditTrail trail = new AuditTrail(Database.on(ds), Clock.systemUTC());
        for (int i = 0; i < 4; i++) {
            trail.append(AuditEvent.of(AuditKind.ACCESS_CHECKED, "ops", TENANT, "ok"));
        }
        sql(ds, "DELETE FROM audit_event WHERE seq = 2");
        assertEquals(2, trail.verify().firstBroken().getAsLong());

        sql(ds, "DELETE FROM audit_event WHERE seq = 4");
        assertEquals(2, trail.verify().firstBroken().getAsLong(), "the first break is named, not the last");
    }

    @Test
    void filtersAndPages() throws Exception {
        AuditTrail trail = new AuditTrail(Database.on(TestDatabases.fresh()), Clock.systemUTC());
        for (int i = 0; i < 7; i++) {
            trail.append(AuditEvent.of(AuditKind.ACCESS_CHECKED, i % 2 == 0 ? "alice" : "bob", TENANT, "ok"));
        }
        trail.append(AuditEvent.of(AuditKind.OPERATOR_SIGNED_IN, "alice", null, "signed in"));

        Paged<AuditRecord> alice = trail.list(new AuditFilter(Optional.empty(), Optional.of("access.checked"),
                Optional.of("alice"), Optional.empty(), Optional.empty()), 0, 3);
        assertEquals(4, alice.total());
        assertEquals(3, alice.items().size());
        assertTrue(alice.hasNext());
        Paged<AuditRecord> second = trail.list(new AuditFilter(Optional.of(TENANT.toUpperCase()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), 2, 3);
        assertEquals(7, second.total(), "tenant ids match without case");
        assertEquals(1, second.items().size());
        assertFalse(second.hasNext());
        assertEquals(0, trail.list(new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Instant.now().plusSeconds(60)), Optional.empty()), 0, 10).total());
    }

    @Test
    void pruningKeepsTheRestVerifiableAndIsAuditedItself() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        AuditTrail trail = new AuditTrail(Database.on(TestDatabases.fresh()), clock);
        for (int i = 0; i < 3; i++) {
            trail.append(AuditEvent.of(AuditKind.ACCESS_CHECKED, "ops", TENANT, "old"));
        }
        clock.now = clock.now.plus(Duration.ofDays(500));
        trail.append(AuditEvent.of(AuditKind.ACCESS_CHECKED, "ops", TENANT, "new"));

        assertEquals(3, trail.prune(clock.now.minus(Duration.ofDays(400)), "retention"));

        Paged<AuditRecord> kept = trail.list(AuditFilter.ALL, 0, 10);
        assertEquals(2, kept.total());
        assertEquals("audit.pruned", kept.items().get(0).kind());
        AuditVerification v = trail.verify();
        assertTrue(v.intact(), v.reason());
        assertEquals(4, v.firstKept());
        assertEquals(0, trail.prune(clock.now.minus(Duration.ofDays(400)), "retention"), "nothing more to prune");
    }

    /** Two nodes (two persistence units on one database) appending at once: one chain, no number twice. */
    @Test
    void concurrentAppendsFromTwoNodesFormOneChain() throws Exception {
        DataSource ds = TestDatabases.fresh();
        AuditTrail a = new AuditTrail(Database.on(ds), Clock.systemUTC());
        AuditTrail b = new AuditTrail(Database.on(ds), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> seqs = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                AuditTrail t = i % 2 == 0 ? a : b;
                Callable<Long> append = () -> t.append(AuditEvent.of(AuditKind.ACCESS_TOKEN_ISSUED, "c", TENANT, "ok"));
                seqs.add(pool.submit(append));
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> f : seqs) {
                distinct.add(f.get());
            }
            assertEquals(80, distinct.size());
        } finally {
            pool.shutdownNow();
        }
        AuditVerification v = a.verify();
        assertTrue(v.intact(), v.reason());
        assertEquals(80, v.checked());
    }

    @Test
    void aDatabaseThatCannotMigrateIsAFailureNotAnException() throws FailureException {
        org.h2.jdbcx.JdbcDataSource readOnly = new org.h2.jdbcx.JdbcDataSource();
        readOnly.setURL("jdbc:h2:mem:readonly-" + System.nanoTime() + ";ACCESS_MODE_DATA=r");
        Database db = Database.on(readOnly);
        assertTrue(db.ready().isPresent());
        assertEquals("migration-failed", db.ready().get().code());
        AuditTrail trail = new AuditTrail(db, Clock.systemUTC());
        assertTrue(trail.record(AuditEvent.of(AuditKind.ACCESS_CHECKED, "ops", TENANT, "ok")).isEmpty());
    }

    static void sql(DataSource ds, String statement) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
