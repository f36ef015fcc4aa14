package dev.partnerconsent.lifecycle;

import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.ConsentTags;
import dev.partnerconsent.vault.StoredVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotations of one tenant running at the same time: serialized on the node, none disabling a version newer than its
 * own, and a disabled newest version reported as such (not as a permission problem).
 */
class ConcurrentRotationTest {

    private static final String PARTNER_CENTER = "https://api.partnercenter.microsoft.com/.default";
    private static LifecycleStandIns fixture;

    @BeforeAll
    static void start() {
        fixture = LifecycleStandIns.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void concurrentTokenUseLeavesExactlyTheLastIssuedTokenEnabled() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), true);
        String seeded = fixture.standIns.vault().secret(tenant).orElseThrow().latest().version();
        int calls = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<IssuedAccessToken>> issued = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                issued.add(callers.submit(() -> {
                    go.await();
                    return c.tokenUse().issue(new TenantId(tenant), PARTNER_CENTER, Optional.empty(), "concurrency-test");
                }));
            }
            go.countDown();
            for (Future<IssuedAccessToken> f : issued) {
                assertTrue(f.get().storedVersion().isPresent());
            }
        } finally {
            callers.shutdownNow();
        }

        StoredSecret secret = fixture.standIns.vault().secret(tenant).orElseThrow();
        assertEquals(calls + 1, secret.versions().size(), "one new version per call");
        List<SecretVersion> enabled = secret.versions().stream().filter(SecretVersion::enabled).toList();
        // versions are described by id and state only: their values are refresh tokens
        assertEquals(1, enabled.size(), () -> "keep-versions=1 leaves exactly one enabled: " + secret.versions().stream()
                .map(v -> v.version() + (v.enabled() ? " enabled" : " disabled")).toList());
        assertEquals(secret.latest().version(), enabled.get(0).version(), "the enabled one is the newest");
        assertNotEquals(seeded, enabled.get(0).version());
        assertEquals(fixture.standIns.entra().lastRefreshToken(tenant).orElseThrow(), enabled.get(0).value(),
                "the stored token is the last one Entra issued, so each call redeemed the previous call's token");
        // and the consent still works
        assertTrue(c.tokenUse().issue(new TenantId(tenant), PARTNER_CENTER, Optional.empty(), "after").storedVersion().isPresent());
    }

    @Test
    void aVersionWrittenElsewhereAfterOursIsNeverDisabled() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), true);
        String redeemed = fixture.standIns.vault().secret(tenant).orElseThrow().latest().version();
        List<StoredVersion> before = c.vault().listVersions(new TenantId(tenant), () -> { });
        // this rotation's own version, then another node's newer one, written past this node's lock
        KeyVaultSecret ours = write(tenant, "ours");
        KeyVaultSecret theirs = write(tenant, "theirs");

        int disabled = c.rotation().retireOlder(new TenantId(tenant), before, redeemed, Pacer.unpaced());

        StoredSecret secret = fixture.standIns.vault().secret(tenant).orElseThrow();
        assertEquals(1, disabled);
        assertFalse(secret.version(redeemed).orElseThrow().enabled(), "the redeemed version is older: retired");
        assertTrue(secret.version(ours.getProperties().getVersion()).orElseThrow().enabled());
        assertTrue(secret.version(theirs.getProperties().getVersion()).orElseThrow().enabled(),
                "a newer version is kept, so the secret's newest version stays readable");
    }

    @Test
    void olderVersionsBeyondKeepVersionsAreRetiredTheRedeemedOneKeptFirst() throws Exception {
        var c = fixture.components(Map.of("partnerconsent.keep-versions", "2"));
        String tenant = fixture.consentedTenant(c.vault(), true);
        String first = fixture.standIns.vault().secret(tenant).orElseThrow().latest().version();
        fixture.consent(c.vault(), tenant, true);
        String redeemed = fixture.standIns.vault().secret(tenant).orElseThrow().latest().version();
        List<StoredVersion> before = c.vault().listVersions(new TenantId(tenant), () -> { });
        KeyVaultSecret ours = write(tenant, "ours");

        int disabled = c.rotation().retireOlder(new TenantId(tenant), before, redeemed, Pacer.unpaced());

        StoredSecret secret = fixture.standIns.vault().secret(tenant).orElseThrow();
        assertEquals(1, disabled);
        assertFalse(secret.version(first).orElseThrow().enabled(), "beyond keep-versions=2: retired");
        assertTrue(secret.version(redeemed).orElseThrow().enabled(), "the redeemed one is the newest older version");
        assertTrue(secret.version(ours.getProperties().getVersion()).orElseThrow().enabled());
    }

    @Test
    void aDisabledNewestVersionIsReportedAsSuchNotAsAPermissionRefusal() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), true);
        String version = fixture.standIns.vault().secret(tenant).orElseThrow().latest().version();
        c.vault().disable(new TenantId(tenant), version);

        FailureException e = assertThrows(FailureException.class,
                () -> c.tokenUse().issue(new TenantId(tenant), PARTNER_CENTER, Optional.empty(), "t"));
        assertEquals("consent-disabled", e.failure().code());
        assertEquals(409, e.failure().httpStatus());
        assertTrue(e.failure().detail().contains("disabled"), e.failure().detail());
    }

    private static KeyVaultSecret write(String tenant, String value) {
        KeyVaultSecret secret = new KeyVaultSecret(tenant, value);
        secret.getProperties().setContentType(ConsentTags.CONTENT_TYPE).setTags(Map.of(ConsentTags.TENANT_ID, tenant));
        return fixture.standIns.vaultClient().setSecret(secret);
    }
}
