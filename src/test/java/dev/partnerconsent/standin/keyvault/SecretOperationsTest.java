package dev.partnerconsent.standin.keyvault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every secrets operation through the real {@code SecretClient}, plus Key Vault's rules. */
@ExtendWith(StandInExtension.class)
class SecretOperationsTest {

    @StandIn
    static LocalKeyVault vault;
    @StandIn
    static SecretClient client;

    @Test
    void setAddsAVersionEachTimeWithValueContentTypeTagsAndAttributes() {
        OffsetDateTime notBefore = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusDays(1);
        OffsetDateTime expires = notBefore.plusDays(90);
        KeyVaultSecret first = client.setSecret(new KeyVaultSecret("tenant-a", "refresh-1")
                .setProperties(new SecretProperties()
                        .setContentType("application/vnd.partnercenter.refresh-token")
                        .setTags(Map.of("upn", "admin@contoso.example", "mfa", "true"))
                        .setNotBefore(notBefore)
                        .setExpiresOn(expires)));
        KeyVaultSecret second = client.setSecret("tenant-a", "refresh-2");

        assertEquals("refresh-1", first.getValue());
        assertEquals("application/vnd.partnercenter.refresh-token", first.getProperties().getContentType());
        assertEquals(Map.of("upn", "admin@contoso.example", "mfa", "true"), first.getProperties().getTags());
        assertEquals(notBefore, first.getProperties().getNotBefore());
        assertEquals(expires, first.getProperties().getExpiresOn());
        assertTrue(first.getProperties().isEnabled());
        assertEquals("Recoverable+Purgeable", first.getProperties().getRecoveryLevel());
        assertNotEquals(first.getProperties().getVersion(), second.getProperties().getVersion());
        assertEquals(vault.vaultUrl() + "/secrets/tenant-a/" + second.getProperties().getVersion(), second.getId());

        StoredSecret stored = vault.secret("tenant-a").orElseThrow();
        assertEquals(List.of("refresh-1", "refresh-2"), stored.values());
        assertEquals(first.getProperties().getVersion(), stored.versions().get(0).version());
        assertEquals(Map.of("upn", "admin@contoso.example", "mfa", "true"), stored.versions().get(0).tags());
        assertEquals(expires.toInstant(), stored.versions().get(0).expires());
        assertEquals(Map.of(), stored.latest().tags());
        assertEquals(List.of("tenant-a"), vault.names());
    }

    @Test
    void getReturnsTheLatestOrTheNamedVersion() {
        String v1 = client.setSecret("tenant-b", "one").getProperties().getVersion();
        client.setSecret("tenant-b", "two");

        assertEquals("two", client.getSecret("tenant-b").getValue());
        KeyVaultSecret old = client.getSecret("tenant-b", v1);
        assertEquals("one", old.getValue());
        assertEquals(v1, old.getProperties().getVersion());
    }

    @Test
    void unknownNameAndVersionAnswer404SecretNotFoundLikeAzure() {
        client.setSecret("tenant-c", "x");

        ResourceNotFoundException noName = assertThrows(ResourceNotFoundException.class,
                () -> client.getSecret("nobody"));
        assertEquals(404, noName.getResponse().getStatusCode());
        assertTrue(noName.getMessage().contains("\"code\":\"SecretNotFound\""), noName.getMessage());
        assertTrue(noName.getMessage().contains("A secret with (name/id) nobody was not found in this key vault"),
                noName.getMessage());

        ResourceNotFoundException noVersion = assertThrows(ResourceNotFoundException.class,
                () -> client.getSecret("tenant-c", "0123456789abcdef0123456789abcdef"));
        assertTrue(noVersion.getMessage().contains("(name/id) tenant-c/0123456789abcdef0123456789abcdef was not found"),
                noVersion.getMessage());
    }

    @Test
    void listSecretsPagesWithNextLinkTwentyFiveAtATime() {
        IntStream.range(0, 60).forEach(i -> vault.seed(String.format("tenant-%02d", i), "value-" + i));

        List<Integer> pageSizes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (PagedResponse<SecretProperties> page : client.listPropertiesOfSecrets().iterableByPage()) {
            pageSizes.add(page.getValue().size());
            page.getValue().forEach(p -> names.add(p.getName()));
        }

        assertEquals(List.of(25, 25, 10), pageSizes);
        assertEquals(IntStream.range(0, 60).mapToObj(i -> String.format("tenant-%02d", i)).toList(), names);
        assertEquals(3, vault.counters().count(Operation.LIST, 200));
    }

    @Test
    void listHonoursMaxresultsAndItsNextLinkKeepsApiVersionAndMaxresults() {
        IntStream.range(0, 60).forEach(i -> vault.seed("s" + i, "v"));
        String token = VaultTestApp.token(vault);

        List<Integer> pageSizes = new ArrayList<>();
        String next = vaultUrl("/secrets?api-version=7.5&maxresults=7");
        while (next != null) {
            JsonNode page = RawHttp.json(RawHttp.get(next, token));
            pageSizes.add(page.path("value").size());
            page.path("value").forEach(item -> assertFalse(item.has("value"), "list items carry no value"));
            next = page.path("nextLink").isNull() ? null : page.path("nextLink").asText();
            if (next != null) {
                assertTrue(next.startsWith(vault.vaultUrl() + "/secrets?api-version=7.5&$skiptoken="), next);
                assertTrue(next.endsWith("&maxresults=7"), next);
            }
        }
        assertEquals(60, pageSizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(9, pageSizes.size());

        HttpResponse<String> tooMany = RawHttp.get(vaultUrl("/secrets?api-version=7.5&maxresults=26"), token);
        assertEquals(400, tooMany.statusCode());
        assertEquals("BadParameter", RawHttp.json(tooMany).path("error").path("code").asText());
    }

    @Test
    void listVersionsPagesAndKeepsCreationOrder() {
        List<String> versions = IntStream.range(0, 30).mapToObj(i -> vault.seed("rotating", "v" + i).version())
                .toList();

        List<Integer> pageSizes = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (PagedResponse<SecretProperties> page
                : client.listPropertiesOfSecretVersions("rotating").iterableByPage()) {
            pageSizes.add(page.getValue().size());
            page.getValue().forEach(p -> listed.add(p.getVersion()));
        }

        assertEquals(List.of(25, 5), pageSizes);
        assertEquals(versions, listed);
        assertEquals(2, vault.counters().count(Operation.LIST_VERSIONS, 200));
    }

    @Test
    void updateChangesPropertiesOfOneVersionAndADisabledVersionAnswers403() {
        String v1 = client.setSecret("tenant-d", "old").getProperties().getVersion();
        String v2 = client.setSecret("tenant-d", "new").getProperties().getVersion();

        SecretProperties disabled = client.updateSecretProperties(client.getSecret("tenant-d", v1).getProperties()
                .setEnabled(false)
                .setContentType("text/plain")
                .setTags(Map.of("state", "superseded")));

        assertFalse(disabled.isEnabled());
        assertEquals("text/plain", disabled.getContentType());
        SecretVersion stored = vault.secret("tenant-d").orElseThrow().version(v1).orElseThrow();
        assertFalse(stored.enabled());
        assertEquals("old", stored.value());
        assertEquals(Map.of("state", "superseded"), stored.tags());
        assertTrue(vault.secret("tenant-d").orElseThrow().version(v2).orElseThrow().enabled());

        HttpResponseException forbidden = assertThrows(HttpResponseException.class,
                () -> client.getSecret("tenant-d", v1));
        assertEquals(403, forbidden.getResponse().getStatusCode());
        assertTrue(forbidden.getMessage().contains("Operation get is not allowed on a disabled secret."),
                forbidden.getMessage());
        assertEquals("new", client.getSecret("tenant-d").getValue());

        client.updateSecretProperties(disabled.setEnabled(true));
        assertEquals("old", client.getSecret("tenant-d", v1).getValue());
        assertEquals(2, vault.counters().count(Operation.UPDATE, 200));
    }

    @Test
    void deleteIsSoftAndItsPollerCompletes() {
        client.setSecret("tenant-e", "token");

        SyncPoller<DeletedSecret, Void> poller = client.beginDeleteSecret("tenant-e");
        poller.setPollInterval(Duration.ofMillis(20));
        PollResponse<DeletedSecret> done = poller.waitForCompletion(Duration.ofSeconds(10));
        assertEquals(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED, done.getStatus());
        DeletedSecret deleted = done.getValue();

        assertEquals(vault.vaultUrl() + "/deletedsecrets/tenant-e", deleted.getRecoveryId());
        assertNotNull(deleted.getDeletedOn());
        assertEquals(deleted.getDeletedOn().plusDays(90), deleted.getScheduledPurgeDate());
        assertEquals(StoredSecret.State.DELETED, vault.secret("tenant-e").orElseThrow().state());
        assertEquals(List.of(), vault.names());
        assertThrows(ResourceNotFoundException.class, () -> client.getSecret("tenant-e"));

        DeletedSecret fetched = client.getDeletedSecret("tenant-e");
        assertEquals(deleted.getRecoveryId(), fetched.getRecoveryId());
        assertEquals(List.of("tenant-e"), client.listDeletedSecrets().stream().map(DeletedSecret::getName).toList());
        assertTrue(vault.counters().count(Operation.GET_DELETED, 200) >= 2);
    }

    @Test
    void settingADeletedNameAnswers409ThenRecoverWaitAndSetSucceeds() {
        client.setSecret("tenant-f", "first");
        client.beginDeleteSecret("tenant-f").waitForCompletion(Duration.ofSeconds(10));
        vault.recoveryTime(Duration.ofSeconds(1));

        ResourceModifiedException conflict = assertThrows(ResourceModifiedException.class,
                () -> client.setSecret("tenant-f", "second"));
        assertEquals(409, conflict.getResponse().getStatusCode());
        assertTrue(conflict.getMessage().contains("Secret tenant-f is currently in a deleted but recoverable state, "
                + "and its name cannot be reused; in this state, the secret can only be recovered or purged."),
                conflict.getMessage());

        SyncPoller<KeyVaultSecret, Void> recovery = client.beginRecoverDeletedSecret("tenant-f");
        recovery.setPollInterval(Duration.ofMillis(50));
        ResourceModifiedException recovering = assertThrows(ResourceModifiedException.class,
                () -> client.setSecret("tenant-f", "too early"));
        assertTrue(recovering.getMessage().contains("ObjectIsBeingRecovered"), recovering.getMessage());
        assertEquals(StoredSecret.State.RECOVERING, vault.secret("tenant-f").orElseThrow().state());

        assertEquals(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED,
                recovery.waitForCompletion(Duration.ofSeconds(10)).getStatus());
        assertTrue(vault.counters().count(Operation.GET, 404) >= 1, "the poller saw the secret as not yet there");
        client.setSecret("tenant-f", "second");

        assertEquals(List.of("first", "second"), vault.secret("tenant-f").orElseThrow().values());
        assertEquals(StoredSecret.State.ACTIVE, vault.secret("tenant-f").orElseThrow().state());
    }

    @Test
    void writesCanLagBehindAFinishedRecoveryAsOnAzure() {
        client.setSecret("tenant-g", "first");
        client.beginDeleteSecret("tenant-g").waitForCompletion(Duration.ofSeconds(10));
        vault.recoveryTime(Duration.ofMillis(50), Duration.ofMillis(700));

        SyncPoller<KeyVaultSecret, Void> recovery = client.beginRecoverDeletedSecret("tenant-g");
        recovery.setPollInterval(Duration.ofMillis(20));
        recovery.waitForCompletion(Duration.ofSeconds(10));
        assertEquals("first", client.getSecret("tenant-g").getValue());
        assertThrows(ResourceModifiedException.class, () -> client.setSecret("tenant-g", "second"));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                client.setSecret("tenant-g", "second");
                break;
            } catch (ResourceModifiedException stillRecovering) {
                assertTrue(System.nanoTime() < deadline, "recovery never finished");
                pollInterval();
            }
        }
        assertEquals(List.of("first", "second"), vault.secret("tenant-g").orElseThrow().values());
    }

    private static void pollInterval() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void purgeForgetsTheSecretAndFreesTheName() {
        client.setSecret("Tenant-H", "x");
        client.beginDeleteSecret("tenant-h").waitForCompletion(Duration.ofSeconds(10));

        client.purgeDeletedSecret("tenant-h");

        assertTrue(vault.secret("tenant-h").isEmpty());
        assertThrows(ResourceNotFoundException.class, () -> client.getDeletedSecret("tenant-h"));
        assertEquals(1, vault.counters().count(Operation.PURGE, 204));
        client.setSecret("tenant-H", "y");
        assertEquals("tenant-H", vault.secret("TENANT-H").orElseThrow().name());
        assertEquals(List.of("y"), vault.secret("tenant-h").orElseThrow().values());
    }

    @Test
    void namesAreCaseInsensitiveAndKeepTheFirstSpelling() {
        client.setSecret("Contoso-Tenant", "a");
        KeyVaultSecret second = client.setSecret("contoso-tenant", "b");

        assertEquals("Contoso-Tenant", second.getName());
        assertEquals("b", client.getSecret("CONTOSO-TENANT").getValue());
        assertEquals(List.of("Contoso-Tenant"), vault.names());
        assertEquals(List.of("a", "b"), vault.secret("contoso-TENANT").orElseThrow().values());
    }

    @Test
    void invalidNamesAnswer400BadParameterAndChangeNothing() {
        vault.seed("keep", "me");
        VaultSnapshot before = vault.snapshot();

        for (String name : List.of("under_score", "dot.ted", "x".repeat(128), "sp ace")) {
            HttpResponseException e = assertThrows(HttpResponseException.class, () -> client.setSecret(name, "v"),
                    name);
            assertEquals(400, e.getResponse().getStatusCode(), name);
            assertTrue(e.getMessage().contains("\"code\":\"BadParameter\""), e.getMessage());
            assertTrue(e.getMessage().contains("The request URI contains an invalid name"), e.getMessage());
        }
        assertEquals(before, vault.snapshot());
        client.setSecret("x".repeat(127), "longest name allowed");
        assertEquals(400, assertThrows(HttpResponseException.class, () -> client.getSecret("bad_name"))
                .getResponse().getStatusCode());
    }

    @Test
    void valuesUpTo25KbAndContentTypesUpTo255CharactersAreAccepted() {
        client.setSecret("big", "x".repeat(25_600));
        client.setSecret(new KeyVaultSecret("typed", "v")
                .setProperties(new SecretProperties().setContentType("t".repeat(255))));
        VaultSnapshot before = vault.snapshot();

        HttpResponseException tooBig = assertThrows(HttpResponseException.class,
                () -> client.setSecret("big", "x".repeat(25_601)));
        assertEquals(400, tooBig.getResponse().getStatusCode());
        assertTrue(tooBig.getMessage().contains("BadParameter"), tooBig.getMessage());
        // 12,801 two-byte characters: the limit is in bytes, not characters.
        assertEquals(400, assertThrows(HttpResponseException.class,
                () -> client.setSecret("big", "é".repeat(12_801))).getResponse().getStatusCode());
        HttpResponseException longType = assertThrows(HttpResponseException.class,
                () -> client.setSecret(new KeyVaultSecret("typed", "v")
                        .setProperties(new SecretProperties().setContentType("t".repeat(256)))));
        assertEquals(400, longType.getResponse().getStatusCode());
        assertEquals(before, vault.snapshot());
    }

    @Test
    void aMissingOrUnknownApiVersionIsRefused() {
        String token = VaultTestApp.token(vault);

        HttpResponse<String> missing = RawHttp.get(vaultUrl("/secrets"), token);
        assertEquals(400, missing.statusCode());
        assertEquals("BadParameter", RawHttp.json(missing).path("error").path("code").asText());
        assertEquals(400, RawHttp.get(vaultUrl("/secrets?api-version=1.0"), token).statusCode());
        for (String version : List.of("7.4", "7.5", "7.6", "2025-07-01")) {
            assertEquals(200, RawHttp.get(vaultUrl("/secrets?api-version=" + version), token).statusCode(), version);
        }
    }

    @Test
    void snapshotsCompareByValue() {
        vault.seed("a", "1");
        VaultSnapshot before = vault.snapshot();
        assertEquals(before, vault.snapshot());

        client.setSecret("a", "2");

        VaultSnapshot after = vault.snapshot();
        assertNotEquals(before, after);
        assertEquals(Map.of("a", List.of("1", "2")), after.secrets().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().values())));
    }

    private static String vaultUrl(String pathAndQuery) {
        return vault.vaultUrl() + pathAndQuery;
    }
}
