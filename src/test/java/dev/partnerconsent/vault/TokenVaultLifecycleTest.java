package dev.partnerconsent.vault;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.standin.keyvault.LocalKeyVault;
import dev.partnerconsent.standin.keyvault.Operation;
import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.tls.StandInTls;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TokenVault methods keep-alive and the inventory use, against the local Key Vault. */
class TokenVaultLifecycleTest {

    private static final String KV_CLIENT = "1d9a8b7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d";
    private static final String KV_SECRET = "unit-kv-secret-value~2";
    private static LocalKeyVault vault;
    private static TokenVault tokenVault;

    @BeforeAll
    static void start() {
        vault = LocalKeyVault.start(StandInTls.ensure(Path.of(System.getProperty("standin.dir"))), 0);
        vault.registerClient(KV_CLIENT, KV_SECRET);
        Map<String, String> m = new HashMap<>();
        m.put("partnerconsent.client-id", "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f");
        m.put("partnerconsent.client-secret", "app-secret");
        m.put("partnerconsent.redirect-uri", "http://127.0.0.1:8080/consent/callback");
        m.put("partnerconsent.keyvault.url", vault.vaultUrl());
        m.put("partnerconsent.keyvault.tenant-id", vault.tenantId());
        m.put("partnerconsent.keyvault.client-id", KV_CLIENT);
        m.put("partnerconsent.keyvault.client-secret", KV_SECRET);
        m.put("partnerconsent.keyvault.authority-host", vault.authorityHost());
        m.put("partnerconsent.keyvault.verify-challenge-resource", "false");
        tokenVault = new TokenVault(MapConfig.settings(m), new dev.partnerconsent.diagnostics.ConsentMetrics(), new dev.partnerconsent.vault.TenantLocks(), java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @BeforeEach
    void empty() {
        vault.clear();
        vault.counters().reset();
    }

    private static String consent(String tenant, String token) throws FailureException {
        tokenVault.store(new ConsentRecord(tenant, "admin@p.example", "oid", Instant.now(), "client", "scopes", true),
                new RefreshToken(token));
        return tenant;
    }

    @Test
    void pagesListEveryConsentOnceMetadataOnlyAndSkipOtherSecrets() throws Exception {
        Set<String> tenants = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            tenants.add(consent(UUID.randomUUID().toString(), "rt-page-" + i + "-" + UUID.randomUUID()));
        }
        vault.seed("some-other-secret", "not a consent");
        vault.counters().reset(); // storing reads the newest version first (its content type); listing must not

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            ConsentPage page = tokenVault.page(cursor);
            page.consents().forEach(c -> seen.add(c.tenantId()));
            page.consents().forEach(c -> assertEquals("admin@p.example", c.tags().get(ConsentTags.CONSENTED_BY)));
            assertFalse(page.toString().contains("rt-page-"), "no value in a listing");
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());

        assertEquals(tenants, new HashSet<>(seen));
        assertEquals(60, seen.size());
        assertEquals(3, pages, "Key Vault pages 25 at a time");
        assertEquals(3, vault.counters().count(Operation.LIST, 200));
        assertEquals(0, vault.counters().count(Operation.GET), "listing reads no value");
    }

    @Test
    void aCursorThatLeadsElsewhereIsRefused() {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("https://attacker.example/secrets?$skiptoken=x".getBytes(StandardCharsets.UTF_8));
        FailureException e = assertThrows(FailureException.class, () -> tokenVault.page(Optional.of(forged)));
        assertEquals("page-cursor-invalid", e.failure().code());
        assertThrows(FailureException.class, () -> tokenVault.page(Optional.of("%%%")));
    }

    @Test
    void storeRotatedRetagAndDisableKeepTheOtherTags() throws Exception {
        String tenant = consent(UUID.randomUUID().toString(), "rt-first");
        CurrentToken current = tokenVault.current(new TenantId(tenant)).orElseThrow();
        assertEquals("rt-first", current.token().getValue());
        assertFalse(current.toString().contains("rt-first"));

        StoredConsent rotated = tokenVault.storeRotated(current, new RefreshToken("rt-second"),
                Map.of(ConsentTags.LAST_OUTCOME, "ok"));
        SecretVersion latest = vault.secret(tenant).orElseThrow().latest();
        assertEquals(rotated.version(), latest.version());
        assertEquals("rt-second", latest.value());
        assertEquals("ok", latest.tags().get(ConsentTags.LAST_OUTCOME));
        assertEquals("admin@p.example", latest.tags().get(ConsentTags.CONSENTED_BY));

        CurrentToken now = tokenVault.current(new TenantId(tenant)).orElseThrow();
        Map<String, String> changes = new HashMap<>();
        changes.put(ConsentTags.LAST_OUTCOME, "AADSTS50173");
        changes.put(ConsentTags.CONSENTED_BY, null);
        tokenVault.retag(now, changes);
        latest = vault.secret(tenant).orElseThrow().latest();
        assertEquals("AADSTS50173", latest.tags().get(ConsentTags.LAST_OUTCOME));
        assertFalse(latest.tags().containsKey(ConsentTags.CONSENTED_BY));
        assertEquals("rt-second", latest.value());

        tokenVault.disable(new TenantId(tenant), current.version());
        SecretVersion first = vault.secret(tenant).orElseThrow().version(current.version()).orElseThrow();
        assertFalse(first.enabled());
        assertEquals("admin@p.example", first.tags().get(ConsentTags.CONSENTED_BY), "disabling keeps the tags");
        assertTrue(vault.secret(tenant).orElseThrow().latest().enabled());

        AtomicInteger paced = new AtomicInteger();
        List<StoredVersion> versions = tokenVault.listVersions(new TenantId(tenant), paced::incrementAndGet);
        assertEquals(2, versions.size());
        assertEquals(1, paced.get(), "one page, one paced call");
        assertTrue(tokenVault.current(new TenantId(UUID.randomUUID().toString())).isEmpty());
    }
}
