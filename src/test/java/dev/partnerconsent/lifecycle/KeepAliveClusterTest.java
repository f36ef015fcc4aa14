package dev.partnerconsent.lifecycle;

import dev.partnerconsent.settings.SettableClock;

import dev.partnerconsent.settings.SettingsReader;
import dev.partnerconsent.store.Database;
import dev.partnerconsent.store.KeepAliveLease;
import dev.partnerconsent.store.LeaseGrant;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.store.StoredRun;
import dev.partnerconsent.store.TestDatabases;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.partnerconsent.lifecycle.KeepAliveTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keep-alive on two nodes sharing one database: one run per cluster, and a run continued after its node died. */
class KeepAliveClusterTest {

    private static LifecycleStandIns fixture;

    @BeforeAll
    static void start() {
        fixture = LifecycleStandIns.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void emptyVault() {
        fixture.standIns.vault().clear();
    }

    @Test
    void aRunOnOneNodeKeepsTheOtherFromStartingOne() throws Exception {
        DataSource db = TestDatabases.fresh();
        Map<String, String> slow = Map.of(SettingsReader.KV_OPS_PER_SECOND, "10", SettingsReader.KEEPALIVE_CONCURRENCY, "2");
        var a = fixture.components(slow, db, "node-a", Clock.systemUTC());
        var b = fixture.components(slow, db, "node-b", Clock.systemUTC());
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tenants.add(fixture.consentedTenant(a.vault(), true));
        }
        fixture.standIns.entra().revokeRefreshTokens(tenants.get(5), null);

        RunReport run = a.keepAlive().start(Optional.empty(), "operator-a").orElseThrow();
        assertTrue(b.keepAlive().start(Optional.empty(), "operator-b").isEmpty(), "node b started a second run");
        assertTrue(b.keepAlive().runNow(Optional.empty(), "schedule").isEmpty());
        await(() -> a.keepAlive().running().isEmpty(), Duration.ofSeconds(60));

        for (String tenant : tenants.subList(0, 5)) {
            assertEquals(2, fixture.standIns.vault().secret(tenant).orElseThrow().versions().size(), "rotated once: " + tenant);
        }
        StoredRun stored = b.history().run(run.id()).orElseThrow();
        assertEquals("node-a", stored.node());
        assertEquals(6, stored.consents());
        assertEquals(5, stored.refreshed());
        assertEquals(1, stored.failed());
        var failed = b.history().outcomes(run.id(), RunHistory.Only.FAILED, 0, 10);
        assertEquals(1, failed.total());
        assertEquals(tenants.get(5), failed.items().get(0).tenantId());
        assertEquals(6, b.history().outcomes(run.id(), RunHistory.Only.ALL, 0, 10).total());

        // the lease was given back: the next run may start on the other node at once
        assertTrue(b.keepAlive().runNow(Optional.empty(), "schedule").isPresent());
    }

    @Test
    void aRunWhoseNodeDiedIsContinuedWithTheTenantsNotYetClaimed() throws Exception {
        DataSource db = TestDatabases.fresh();
        SettableClock clock = new SettableClock(Instant.now());
        var b = fixture.components(Map.of(), db, "node-b", clock);
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tenants.add(fixture.consentedTenant(b.vault(), true));
        }
        // the node that dies: takes the lease, refreshes the first tenant, claims the second and is gone
        Database deadDb = Database.on(db);
        KeepAliveLease deadLease = new KeepAliveLease(deadDb, Duration.ofMinutes(2), "node-dead");
        RunHistory deadHistory = new RunHistory(deadDb, clock);
        LeaseGrant grant = deadLease.acquire(clock.instant()).orElseThrow();
        deadLease.attach(grant, "run-of-the-dead-node");
        deadHistory.begin("run-of-the-dead-node", Optional.empty(), "schedule", "node-dead");
        assertTrue(deadHistory.claim("run-of-the-dead-node", tenants.get(0), Optional.of(grant)));
        Rotation r = b.rotation().redeemAndStore(new TenantId(tenants.get(0)), b.rotation().keepAliveScope(),
                Pacer.unpaced(), "keep-alive (schedule)");
        deadHistory.complete("run-of-the-dead-node", tenants.get(0), "ok", false, "Refreshed",
                Optional.of(r.stored().version()), r.disabled());
        assertTrue(deadHistory.claim("run-of-the-dead-node", tenants.get(1), Optional.of(grant)));

        assertTrue(b.keepAlive().resumeAbandoned().isEmpty(), "the lease is live: nothing to take over");
        assertTrue(b.keepAlive().start(Optional.empty(), "operator").isEmpty());

        clock.now = clock.now.plus(Duration.ofMinutes(3));
        RunReport continued = b.keepAlive().resumeAbandoned().orElseThrow();
        assertEquals("run-of-the-dead-node", continued.id());
        await(() -> b.keepAlive().running().isEmpty(), Duration.ofSeconds(60));

        assertEquals(2, versions(tenants.get(0)), "refreshed by the dead node, not again");
        assertEquals(1, versions(tenants.get(1)), "claimed by the dead node: left for the next run");
        for (String tenant : tenants.subList(2, 5)) {
            assertEquals(2, versions(tenant), "refreshed once by the node that took over: " + tenant);
        }
        StoredRun run = b.history().run("run-of-the-dead-node").orElseThrow();
        assertNotNull(run.endedAt());
        assertEquals(5, run.consents());
        assertEquals(4, run.refreshed());
        assertEquals(1, b.history().runs(0, 10).total());
        assertFalse(deadLease.renew(grant, clock.instant()), "the dead node's holding is over");
    }

    private static int versions(String tenant) {
        return fixture.standIns.vault().secret(tenant).orElseThrow().versions().size();
    }
}
