package dev.partnerconsent.store;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operator session rows on two "nodes" (two persistence units on one database). */
class SessionStoreTest {

    private static final String ALICE = "bb0a3224-b41d-4f4c-b37d-355adcff7272:5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";
    private static final String BOB = "bb0a3224-b41d-4f4c-b37d-355adcff7272:0c9a8b7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void aSessionEndedOnOneNodeIsEndedOnTheOtherAndOnlyOneEnderIsTold() throws Exception {
        DataSource ds = TestDatabases.fresh();
        SessionStore nodeA = new SessionStore(Database.on(ds));
        SessionStore nodeB = new SessionStore(Database.on(ds));
        nodeA.create("session-1", ALICE, "alice", Optional.of("READER"), "app-role", T0);
        StoredSession seen = nodeB.find("session-1").orElseThrow();
        assertEquals(ALICE, seen.operator());
        assertEquals(Optional.of("READER"), seen.role());
        assertFalse(seen.revoked());

        assertTrue(nodeB.end("session-1", T0.plusSeconds(60), "alice", "signed out"));
        assertFalse(nodeA.end("session-1", T0.plusSeconds(61), "PartnerConsent", "idle"), "already ended: not ended twice");
        StoredSession ended = nodeA.find("session-1").orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(60)), ended.revokedAt());
        assertEquals(Optional.of("signed out"), ended.revokedWhy());
        assertFalse(nodeA.end("no-such-session", T0, "x", "y"));
        assertEquals(Optional.empty(), nodeA.find("no-such-session"));
    }

    @Test
    void theTableHoldsAHashOfTheSessionIdNeverTheId() throws Exception {
        DataSource ds = TestDatabases.fresh();
        SessionStore store = new SessionStore(Database.on(ds));
        String id = "kY3v9oQ2-secret-session-id-xZ";
        store.create(id, ALICE, "alice", Optional.empty(), "none", T0);
        List<String> cells = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM operator_session")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cells.add(String.valueOf(rs.getObject(i)));
                }
            }
        }
        assertTrue(cells.stream().noneMatch(v -> v.contains(id)), cells.toString());
        assertTrue(cells.contains(SessionStore.hash(id)), cells.toString());
        assertTrue(store.find(id).isPresent());
    }

    @Test
    void usesAreRecordedForwardOnlyAndNotOnEndedSessions() throws Exception {
        SessionStore store = new SessionStore(Database.on(TestDatabases.fresh()));
        store.create("s", ALICE, "alice", Optional.of("OPERATOR"), "admins", T0);
        store.touch("s", T0.plusSeconds(120));
        store.touch("s", T0.plusSeconds(60)); // a slower node's older use does not move it back
        assertEquals(T0.plusSeconds(120), store.find("s").orElseThrow().lastUsed());
        store.end("s", T0.plusSeconds(130), "alice", "signed out");
        store.touch("s", T0.plusSeconds(200));
        assertEquals(T0.plusSeconds(120), store.find("s").orElseThrow().lastUsed());
    }

    @Test
    void revokingAPersonEndsAllTheirSessionsAndNoOneElses() throws Exception {
        SessionStore store = new SessionStore(Database.on(TestDatabases.fresh()));
        store.create("a1", ALICE, "alice", Optional.of("READER"), "app-role", T0);
        store.create("a2", ALICE, "alice", Optional.of("READER"), "app-role", T0.plusSeconds(10));
        store.create("b1", BOB, "bob", Optional.of("OPERATOR"), "app-role", T0);
        store.end("a2", T0.plusSeconds(20), "alice", "signed out");

        assertEquals(2, store.active(T0, T0).size(), "the signed-out one is not listed");
        assertEquals(1, store.endAll(ALICE, T0.plusSeconds(30), "bob", "revoked by an operator"), "a2 had already ended");
        assertTrue(store.find("a1").orElseThrow().revoked());
        assertEquals(Optional.of("bob"), store.find("a1").orElseThrow().revokedBy());
        assertFalse(store.find("b1").orElseThrow().revoked());
        assertEquals(List.of(BOB), store.active(T0, T0).stream().map(StoredSession::operator).toList());
        assertEquals(List.of(), store.active(T0.plusSeconds(1), T0), "not used since: past its idle timeout");
        assertEquals(List.of(), store.active(T0, T0.plusSeconds(1)), "started before the cap's cut-off");

        assertEquals(2, store.prune(T0.plusSeconds(5)), "rows started before the cut-off are deleted");
        assertEquals(Optional.empty(), store.find("a1"));
        assertTrue(store.find("a2").isPresent());
    }
}
