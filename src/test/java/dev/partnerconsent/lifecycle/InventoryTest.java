package dev.partnerconsent.lifecycle;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.standin.keyvault.Operation;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inventory against the local Key Vault: what it shows per consent, paging, and that it reads no value. */
class InventoryTest {

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
    void showsVersionsOutcomesAndWhenEachTokenDies() throws Exception {
        var c = fixture.components(Map.of());
        String healthy = fixture.consentedTenant(c.vault(), true);
        fixture.consent(c.vault(), healthy, true);
        String revoked = fixture.consentedTenant(c.vault(), false);
        String untouched = fixture.consentedTenant(c.vault(), true);
        c.keepAlive().runNow(Optional.of(new TenantId(healthy)), "t").orElseThrow();
        fixture.standIns.entra().revokeRefreshTokens(revoked, null);
        c.keepAlive().runNow(Optional.of(new TenantId(revoked)), "t").orElseThrow();
        fixture.standIns.vault().counters().reset();

        Inventory inventory = new Inventory(c.vault(), new FailureCatalogue(), Clock.systemUTC());
        InventoryPage page = inventory.page(Optional.empty());
        assertEquals(Optional.empty(), page.next());
        Map<String, InventoryEntry> byTenant = new java.util.HashMap<>();
        page.entries().forEach(e -> byTenant.put(e.tenantId(), e));
        assertEquals(Set.of(healthy, revoked, untouched), byTenant.keySet());
        assertEquals(0, fixture.standIns.vault().counters().count(Operation.GET), "metadata only: no value read");

        InventoryEntry h = byTenant.get(healthy);
        assertEquals(3, h.versions());
        assertEquals(1, h.enabledVersions());
        assertEquals(fixture.standIns.vault().secret(healthy).orElseThrow().latest().version(), h.latestVersion());
        assertEquals(Optional.of("ok"), h.lastOutcome());
        assertTrue(h.lastRefreshedAt().isPresent());
        assertEquals(LifecycleStandIns.ADMIN, h.consentedBy());
        assertTrue(h.mfa());
        assertTrue(h.consentedAt().isPresent());
        assertEquals(h.lastIssuedAt().plus(Duration.ofDays(90)), h.diesAt());
        assertTrue(h.daysLeft() >= 89, "just refreshed: " + h.daysLeft());
        assertFalse(h.warning());
        assertFalse(h.needsReconsent());
        assertEquals(dev.partnerconsent.health.HealthState.HEALTHY, h.health().state());
        assertEquals(h.diesAt(), h.health().reconsentBy());

        InventoryEntry r = byTenant.get(revoked);
        assertEquals(Optional.of("AADSTS50173"), r.lastOutcome());
        assertTrue(r.needsReconsent());
        assertTrue(r.warning());
        assertFalse(r.mfa());
        assertFalse(r.outcomeMeaning().isBlank());
        assertEquals("/consent/start?domain_hint=" + revoked + "&login_hint=admin%40partner.onmicrosoft.com", r.reconsentLink());
        assertEquals(dev.partnerconsent.health.HealthState.NEEDS_RECONSENT, r.health().state());
        assertEquals(Optional.of("AADSTS50173"), r.health().cause());
        assertTrue(r.health().reconsentBy().isBefore(Instant.now()), "revoked: the date has passed");

        InventoryEntry u = byTenant.get(untouched);
        assertEquals(Optional.empty(), u.lastOutcome());
        assertEquals(Optional.empty(), u.lastRefreshedAt());
        assertEquals(1, u.versions());
        assertEquals(dev.partnerconsent.health.HealthState.NEVER_REFRESHED, u.health().state());

        // 80 days on, the untouched token is inside the 14-day warning band
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(80)), ZoneOffset.UTC);
        InventoryEntry aging = new Inventory(c.vault(), new FailureCatalogue(), later).page(Optional.empty()).entries()
                .stream().filter(e -> e.tenantId().equals(untouched)).findFirst().orElseThrow();
        assertTrue(aging.warning());
        assertTrue(aging.daysLeft() <= 10, "days left " + aging.daysLeft());
        assertEquals(dev.partnerconsent.health.HealthState.EXPIRING, aging.health().state());
    }

    @Test
    void pagesFollowKeyVaultsPages() throws Exception {
        var c = fixture.components(Map.of());
        Set<String> tenants = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            tenants.add(fixture.consentedTenant(c.vault(), true));
        }
        Inventory inventory = new Inventory(c.vault(), new FailureCatalogue(), Clock.systemUTC());
        InventoryPage first = inventory.page(Optional.empty());
        assertEquals(25, first.entries().size());
        InventoryPage second = inventory.page(first.next());
        assertEquals(5, second.entries().size());
        assertTrue(second.next().isEmpty());
        List<String> all = new ArrayList<>();
        first.entries().forEach(e -> all.add(e.tenantId()));
        second.entries().forEach(e -> all.add(e.tenantId()));
        assertEquals(tenants, new HashSet<>(all));
    }
}
