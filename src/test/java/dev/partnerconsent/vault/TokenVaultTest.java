package dev.partnerconsent.vault;

import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.standin.keyvault.LocalKeyVault;
import dev.partnerconsent.standin.keyvault.Operation;
import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import dev.partnerconsent.standin.keyvault.VaultSnapshot;
import dev.partnerconsent.standin.tls.StandInTls;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TokenVault over real HTTPS against the local Key Vault, with the real Azure SDK client and credential. */
class TokenVaultTest {

    private static final String KV_CLIENT = "0c9a8b7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d";
    private static final String KV_SECRET = "unit-kv-secret-value~1";
    private static LocalKeyVault vault;

    @BeforeAll
    static void startVault() {
        vault = LocalKeyVault.start(StandInTls.ensure(Path.of(System.getProperty("standin.dir"))), 0);
        vault.registerClient(KV_CLIENT, KV_SECRET);
        vault.recoveryTime(Duration.ofMillis(300));
    }

    @AfterAll
    static void stopVault() {
        vault.close();
    }

    @AfterEach
    void resetFaults() {
        vault.faults().reset();
    }

    private static Map<String, String> settings(String kvSecret) {
        Map<String, String> m = new HashMap<>();
        m.put("partnerconsent.client-id", "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f");
        m.put("partnerconsent.client-secret", "app-secret");
        m.put("partnerconsent.redirect-uri", "http://127.0.0.1:8080/consent/callback");
        m.put("partnerconsent.keyvault.url", vault.vaultUrl());
        m.put("partnerconsent.keyvault.tenant-id", vault.tenantId());
        m.put("partnerconsent.keyvault.client-id", KV_CLIENT);
        m.put("partnerconsent.keyvault.client-secret", kvSecret);
        m.put("partnerconsent.keyvault.authority-host", vault.authorityHost());
        m.put("partnerconsent.keyvault.verify-challenge-resource", "false");
        m.put("partnerconsent.allowed-tenants", "*");
        return m;
    }

    private static TokenVault tokenVault() {
        Settings s = MapConfig.settings(settings(KV_SECRET));
        assertTrue(s.ready(), () -> s.problems().toString());
        return new TokenVault(s, new ConsentMetrics(), new dev.partnerconsent.vault.TenantLocks(), java.time.Clock.systemUTC());
    }

    private static ConsentRecord record(String tenant) {
        return new ConsentRecord(tenant, "admin@partner.onmicrosoft.com", UUID.randomUUID().toString(), Instant.now(),
                "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f", "https://api.partnercenter.microsoft.com/user_impersonation offline_access", true);
    }

    /** A Key Vault client as the app builds it, with a short response timeout, already past the auth challenge. */
    private static SecretClient appClient(Duration responseTimeout) {
        SecretClient client = VaultClientFactory.create(MapConfig.settings(settings(KV_SECRET)).get().keyVault(), responseTimeout);
        client.setSecret("warm-" + UUID.randomUUID(), "warm");
        return client;
    }

    @Test
    void aWriteThatGetsNoAnswerInTimeIsNotSentAgain() {
        SecretClient client = appClient(Duration.ofSeconds(1));
        vault.faults().stallShare(1.0, Duration.ofSeconds(3), Operation.SET);
        long before = vault.counters().arrivals(Operation.SET);
        RuntimeException e = assertThrows(RuntimeException.class, () -> client.setSecret("stalled-" + UUID.randomUUID(), "rt"));
        // every retry the SDK makes happens inside setSecret, so this count is final once it has thrown
        assertEquals(1, vault.counters().arrivals(Operation.SET) - before,
                "a write sent and not answered may have been carried out: sending it again could store a second version");
        var failure = VaultErrors.translate(e, "set", vault.vaultUrl(), KV_CLIENT);
        assertEquals(504, failure.httpStatus(), failure.detail());
        assertTrue(failure.detail().contains("did not answer"), failure.detail());
    }

    @Test
    void transientAnswersAreRetried() {
        SecretClient client = appClient(Duration.ofSeconds(5));
        vault.faults().failNext(503, 2, Operation.SET);
        long before = vault.counters().arrivals(Operation.SET);
        client.setSecret("retried-" + UUID.randomUUID(), "rt");
        assertEquals(3, vault.counters().arrivals(Operation.SET) - before, "two 503s, then stored");
    }

    @Test
    void storesEachConsentAsANewVersionWithTags() throws Exception {
        TokenVault tv = tokenVault();
        String tenant = UUID.randomUUID().toString();
        StoredConsent first = tv.store(record(tenant), new RefreshToken("rt-one-" + tenant));
        StoredConsent second = tv.store(record(tenant), new RefreshToken("rt-two-" + tenant));

        assertEquals(tenant, first.secretName());
        StoredSecret stored = vault.secret(tenant).orElseThrow();
        assertEquals(List.of("rt-one-" + tenant, "rt-two-" + tenant), stored.values());
        SecretVersion latest = stored.latest();
        assertEquals(second.version(), latest.version());
        assertEquals(ConsentTags.CONTENT_TYPE, latest.contentType());
        assertEquals("admin@partner.onmicrosoft.com", latest.tags().get(ConsentTags.CONSENTED_BY));
        assertEquals("true", latest.tags().get(ConsentTags.MFA));
        assertEquals(tenant, latest.tags().get(ConsentTags.TENANT_ID));

        List<StoredVersion> versions = tv.versions(new TenantId(tenant));
        assertEquals(List.of(first.version(), second.version()), versions.stream().map(StoredVersion::version).toList());
        assertEquals(second.version(), tv.latest(new TenantId(tenant)).orElseThrow().version());
        assertTrue(tv.versions(new TenantId(UUID.randomUUID().toString())).isEmpty());
    }

    @Test
    void forbiddenNamesBothPermissionModelsAndThePrincipal() {
        vault.faults().forbid(Operation.SET);
        TokenVault tv = tokenVault();
        String tenant = UUID.randomUUID().toString();
        VaultSnapshot before = vault.snapshot();
        FailureException e = assertThrows(FailureException.class, () -> tv.store(record(tenant), new RefreshToken("rt-x")));
        assertEquals("keyvault-403", e.failure().code());
        assertTrue(e.failure().detail().contains(KV_CLIENT), e.failure().detail());
        assertFalse(e.failure().detail().contains("rt-x"));
        assertEquals(before, vault.snapshot());
    }

    @Test
    void softDeletedNameIsRecoveredThenWritten() throws Exception {
        String tenant = UUID.randomUUID().toString();
        SecretClient admin = adminClient();
        admin.setSecret(new KeyVaultSecret(tenant, "old-token").setProperties(new SecretProperties().setContentType(ConsentTags.CONTENT_TYPE)));
        admin.beginDeleteSecret(tenant).waitForCompletion(Duration.ofSeconds(20));

        StoredConsent stored = tokenVault().store(record(tenant), new RefreshToken("rt-after-recover"));
        StoredSecret secret = vault.secret(tenant).orElseThrow();
        assertEquals(StoredSecret.State.ACTIVE, secret.state());
        assertEquals(List.of("old-token", "rt-after-recover"), secret.values());
        assertEquals(stored.version(), secret.latest().version());
    }

    /** Someone else's client on the same vault, as az keyvault secret set would write. */
    private static SecretClient adminClient() {
        return new SecretClientBuilder().vaultUrl(vault.vaultUrl())
                .credential(new ClientSecretCredentialBuilder().authorityHost(vault.authorityHost()).tenantId(vault.tenantId())
                        .clientId(KV_CLIENT).clientSecret(KV_SECRET).disableInstanceDiscovery().build())
                .disableChallengeResourceVerification().buildClient();
    }

    @Test
    void aSecretOfAnotherContentTypeIsNeitherOverwrittenNorReadNorListed() throws Exception {
        String tenant = UUID.randomUUID().toString();
        adminClient().setSecret(tenant, "another-tools-password"); // no content type, as the sample and az write it
        TokenVault tv = tokenVault();
        VaultSnapshot before = vault.snapshot();

        FailureException stored = assertThrows(FailureException.class, () -> tv.store(record(tenant), new RefreshToken("rt-f")));
        assertEquals("secret-not-consent", stored.failure().code());
        assertEquals(409, stored.failure().httpStatus());
        assertTrue(stored.failure().detail().contains("content type '(none)'"), stored.failure().detail());
        assertEquals(before, vault.snapshot(), "nothing written over the other tool's secret");

        FailureException read = assertThrows(FailureException.class, () -> tv.current(new TenantId(tenant)));
        assertEquals("secret-not-consent", read.failure().code());
        assertFalse(read.failure().detail().contains("another-tools-password"), read.failure().detail());
        assertTrue(tv.versions(new TenantId(tenant)).isEmpty(), "its versions are not consent versions");
        assertTrue(tv.listVersions(new TenantId(tenant), () -> { }).isEmpty());
        assertTrue(allListed(tv).stream().noneMatch(c -> c.tenantId().equals(tenant)), "not listed as a consent");
        assertEquals(before, vault.snapshot());
    }

    @Test
    void aConsentWrittenOverAnOlderForeignVersionKeepsThatVersionOutOfItsList() throws Exception {
        String tenant = UUID.randomUUID().toString();
        adminClient().setSecret(tenant, "sample-era-token");
        // the newest version decides: someone re-typed the secret as a consent (e.g. after migrating from the sample)
        adminClient().setSecret(new KeyVaultSecret(tenant, "typed").setProperties(new SecretProperties().setContentType(ConsentTags.CONTENT_TYPE)));
        TokenVault tv = tokenVault();
        StoredConsent stored = tv.store(record(tenant), new RefreshToken("rt-after-migration"));
        List<StoredVersion> versions = tv.listVersions(new TenantId(tenant), () -> { });
        assertEquals(2, versions.size(), versions.toString());
        assertTrue(versions.stream().anyMatch(v -> v.version().equals(stored.version())));
        assertEquals(3, vault.secret(tenant).orElseThrow().values().size());
    }

    @Test
    void aDisabledNewestVersionIsMendedByANewConsent() throws Exception {
        TokenVault tv = tokenVault();
        String tenant = UUID.randomUUID().toString();
        StoredConsent first = tv.store(record(tenant), new RefreshToken("rt-first"));
        tv.disable(new TenantId(tenant), first.version());
        assertTrue(tv.latest(new TenantId(tenant)).isEmpty(), "no current consent to read: none to name as replaced");
        FailureException read = assertThrows(FailureException.class, () -> tv.current(new TenantId(tenant)));
        assertEquals("consent-disabled", read.failure().code());

        StoredConsent second = tv.store(record(tenant), new RefreshToken("rt-second"));
        assertEquals(second.version(), tv.latest(new TenantId(tenant)).orElseThrow().version());
        assertEquals("rt-second", tv.current(new TenantId(tenant)).orElseThrow().token().getValue());
    }

    @Test
    void onlyNamesThatAreExactlyPrefixAndTenantIdAreConsents() throws Exception {
        TokenVault tv = tokenVault(); // empty prefix, the default
        String tenant = UUID.randomUUID().toString();
        tv.store(record(tenant), new RefreshToken("rt-listed"));
        String other = UUID.randomUUID().toString();
        SecretClient admin = adminClient();
        // another deployment's prefixed consents and look-alikes, all with the consent content type
        for (String name : List.of("faults-" + other, other + "-old", "x" + other.substring(1) + "0", "not-a-tenant")) {
            admin.setSecret(new KeyVaultSecret(name, "rt-elsewhere").setProperties(new SecretProperties()
                    .setContentType(ConsentTags.CONTENT_TYPE).setTags(Map.of(ConsentTags.TENANT_ID, tenant))));
        }
        List<ListedConsent> listed = allListed(tv);
        assertTrue(listed.stream().anyMatch(c -> c.secretName().equals(tenant) && c.tenantId().equals(tenant)));
        assertTrue(listed.stream().allMatch(c -> TenantId.isValid(c.secretName()) && c.secretName().equals(c.tenantId())),
                () -> listed.stream().map(ListedConsent::secretName).toList().toString());

        Map<String, String> prefixed = settings(KV_SECRET);
        prefixed.put("partnerconsent.keyvault.secret-prefix", "faults-");
        TokenVault faults = new TokenVault(MapConfig.settings(prefixed), new ConsentMetrics(), new TenantLocks(), java.time.Clock.systemUTC());
        List<ListedConsent> theirs = allListed(faults);
        assertTrue(theirs.stream().anyMatch(c -> c.secretName().equals("faults-" + other) && c.tenantId().equals(other)),
                "the tenant comes from the name, not from a tag claiming another tenant");
        assertTrue(theirs.stream().allMatch(c -> c.secretName().startsWith("faults-")));
    }

    private static List<ListedConsent> allListed(TokenVault tv) throws FailureException {
        List<ListedConsent> all = new java.util.ArrayList<>();
        java.util.Optional<String> cursor = java.util.Optional.empty();
        do {
            ConsentPage page = tv.page(cursor);
            all.addAll(page.consents());
            cursor = page.next();
        } while (cursor.isPresent());
        return all;
    }

    @Test
    void theSdksChallengeCheckIsOnByDefaultAndItsRefusalIsExplained() throws Exception {
        // a vault on a new port: the SDK caches a challenge per host and port for the whole JVM
        try (LocalKeyVault fresh = LocalKeyVault.start(StandInTls.ensure(Path.of(System.getProperty("standin.dir"))), 0)) {
            fresh.registerClient(KV_CLIENT, KV_SECRET);
            Map<String, String> m = settings(KV_SECRET);
            m.put("partnerconsent.keyvault.url", fresh.vaultUrl());
            m.put("partnerconsent.keyvault.tenant-id", fresh.tenantId());
            m.put("partnerconsent.keyvault.authority-host", fresh.authorityHost());
            m.remove("partnerconsent.keyvault.verify-challenge-resource");
            String tenant = UUID.randomUUID().toString();
            TokenVault tv = new TokenVault(MapConfig.settings(m), new ConsentMetrics(), new TenantLocks(), java.time.Clock.systemUTC());

            FailureException e = assertThrows(FailureException.class, () -> tv.store(record(tenant), new RefreshToken("rt-c")));
            assertEquals("keyvault-challenge", e.failure().code(), e.failure().toString());
            assertTrue(e.failure().detail().contains("https://vault.azure.net") && e.failure().detail().contains(fresh.vaultUrl()),
                    e.failure().detail());
            assertFalse(e.failure().detail().contains("disableChallengeResourceVerification"), e.failure().detail());
            assertTrue(fresh.secret(tenant).isEmpty(), "nothing stored");
            assertEquals("keyvault-challenge", tv.probe().orElseThrow().code(), "the setup check says the same");
        }
    }

    @Test
    void throttlingIsRetriedThenExplained() throws Exception {
        TokenVault tv = tokenVault();
        String tenant = UUID.randomUUID().toString();
        vault.faults().throttleNext(2, Duration.ofMillis(200), Operation.SET);
        tv.store(record(tenant), new RefreshToken("rt-throttled"));
        assertEquals(List.of("rt-throttled"), vault.secret(tenant).orElseThrow().values());

        vault.faults().throttleNext(10, Duration.ofMillis(100), Operation.SET);
        String other = UUID.randomUUID().toString();
        FailureException e = assertThrows(FailureException.class, () -> tv.store(record(other), new RefreshToken("rt-y")));
        assertEquals("keyvault-429", e.failure().code());
        assertTrue(vault.secret(other).isEmpty());
    }

    @Test
    void serverErrorsAreRetriedThenExplained() throws Exception {
        TokenVault tv = tokenVault();
        vault.faults().failNext(503, 1, Operation.SET);
        String tenant = UUID.randomUUID().toString();
        tv.store(record(tenant), new RefreshToken("rt-after-503"));
        assertEquals(List.of("rt-after-503"), vault.secret(tenant).orElseThrow().values());

        vault.faults().failNext(500, 10, Operation.SET);
        String other = UUID.randomUUID().toString();
        FailureException e = assertThrows(FailureException.class, () -> tv.store(record(other), new RefreshToken("rt-z")));
        assertEquals("keyvault-5xx", e.failure().code());
        assertTrue(vault.secret(other).isEmpty());
    }

    @Test
    void wrongKeyVaultClientSecretIsACredentialFailureWithItsAadstsCode() {
        TokenVault tv = new TokenVault(MapConfig.settings(settings("the-secret-id-not-its-value")), new ConsentMetrics(), new dev.partnerconsent.vault.TenantLocks(), java.time.Clock.systemUTC());
        String tenant = UUID.randomUUID().toString();
        FailureException e = assertThrows(FailureException.class, () -> tv.store(record(tenant), new RefreshToken("rt-w")));
        assertEquals("keyvault-401", e.failure().code());
        assertTrue(e.failure().detail().contains("AADSTS7000215"), e.failure().detail());
        assertFalse(e.failure().detail().contains("the-secret-id-not-its-value"), e.failure().detail());
        assertTrue(vault.secret(tenant).isEmpty());
    }

    @Test
    void vaultHostThatDoesNotResolveIsExplained() {
        Map<String, String> m = settings(KV_SECRET);
        m.put("partnerconsent.keyvault.url", "https://no-such-vault-pc.vault.azure.net");
        FailureException e = assertThrows(FailureException.class,
                () -> new TokenVault(MapConfig.settings(m), new ConsentMetrics(), new dev.partnerconsent.vault.TenantLocks(), java.time.Clock.systemUTC()).store(record(UUID.randomUUID().toString()), new RefreshToken("rt-d")));
        assertEquals("keyvault-dns", e.failure().code(), e.failure().toString());
        assertTrue(e.failure().detail().contains("no-such-vault-pc.vault.azure.net"), e.failure().detail());
    }

    @Test
    void tlsFailureIsExplained() throws Exception {
        // a vault whose certificate this JVM does not trust (another self-signed certificate than the trust store's)
        LocalKeyVault untrusted = LocalKeyVault.start(StandInTls.ensure(Path.of(System.getProperty("standin.dir"), "untrusted")), 0);
        try {
            Map<String, String> m = settings(KV_SECRET);
            m.put("partnerconsent.keyvault.url", untrusted.vaultUrl());
            FailureException e = assertThrows(FailureException.class,
                    () -> new TokenVault(MapConfig.settings(m), new ConsentMetrics(), new dev.partnerconsent.vault.TenantLocks(), java.time.Clock.systemUTC()).store(record(UUID.randomUUID().toString()), new RefreshToken("rt-t")));
            assertEquals("keyvault-tls", e.failure().code(), e.failure().toString());
        } finally {
            untrusted.close();
        }
    }

    @Test
    void probeReportsForbiddenReadsAndPassesOnAHealthyVault() {
        TokenVault tv = tokenVault();
        assertTrue(tv.probe().isEmpty(), () -> tv.probe().toString());
        vault.faults().forbid(Operation.GET);
        assertEquals("keyvault-403", tv.probe().orElseThrow().code());
        vault.faults().reset();
        vault.faults().forbid(Operation.LIST);
        assertEquals("keyvault-403", tv.probe().orElseThrow().code());
    }

    @Test
    void unreachableVaultIsExplained() {
        Map<String, String> m = settings(KV_SECRET);
        m.put("partnerconsent.keyvault.url", "https://127.0.0.1:1");
        FailureException e = assertThrows(FailureException.class,
                () -> new TokenVault(MapConfig.settings(m), new ConsentMetrics(), new dev.partnerconsent.vault.TenantLocks(), java.time.Clock.systemUTC()).store(record(UUID.randomUUID().toString()), new RefreshToken("rt-u")));
        assertEquals("keyvault-unreachable", e.failure().code(), e.failure().toString());
    }
}
