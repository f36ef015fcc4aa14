package dev.partnerconsent.standin.keyvault;

import static dev.partnerconsent.standin.keyvault.VaultTestApp.CLIENT_ID;
import static dev.partnerconsent.standin.keyvault.VaultTestApp.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each injected fault, as the real SDK surfaces it, and the request counters. */
@ExtendWith(StandInExtension.class)
class FaultInjectionTest {

    @StandIn
    static LocalKeyVault vault;
    @StandIn
    static Principal app;
    @StandIn
    static SecretClient client;

    /** A client with quick retries; the vault's Retry-After still decides the wait after a 429. */
    private static SecretClient quickClient(int maxRetries) {
        return VaultClients.secretClient(vault, VaultClients.clientSecret(vault, CLIENT_ID, CLIENT_SECRET),
                maxRetries);
    }

    @Test
    void aForbiddenSetNamesTheCallerAndTheVaultLikeAnAccessPolicy() {
        vault.seed("tenant-a", "kept");
        VaultSnapshot before = vault.snapshot();
        vault.faults().forbid(Operation.SET);

        HttpResponseException e = assertThrows(HttpResponseException.class, () -> client.setSecret("tenant-a", "x"));

        assertEquals(403, e.getResponse().getStatusCode());
        assertTrue(e.getMessage().contains("The user, group or application 'appid=" + CLIENT_ID + ";oid="
                + app.objectId() + ";iss=https://sts.windows.net/" + vault.tenantId() + "/' does not have secrets set "
                + "permission on key vault 'partnerconsent-local;location=local'."), e.getMessage());
        assertTrue(e.getMessage().contains("\"innererror\":{\"code\":\"AccessDenied\"}"), e.getMessage());
        assertEquals(before, vault.snapshot());
        assertEquals("kept", client.getSecret("tenant-a").getValue(), "only SET is forbidden");
    }

    @Test
    void underRbacTheForbiddenMessageNamesTheActionAndTheResource() {
        vault.seed("Tenant-B", "v");
        vault.faults().permissionModel(PermissionModel.RBAC).forbid(Operation.GET);

        HttpResponseException e = assertThrows(HttpResponseException.class, () -> client.getSecret("Tenant-B"));

        assertEquals(403, e.getResponse().getStatusCode());
        String message = e.getMessage();
        assertTrue(message.contains("Caller is not authorized to perform action on resource."), message);
        assertTrue(message.contains("Caller: " + app.describe()), message);
        assertTrue(message.contains("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'"), message);
        assertTrue(message.contains("Resource: '/subscriptions/00000000-0000-0000-0000-00000000c0de/resourcegroups/"
                + "partnerconsent-standin/providers/microsoft.keyvault/vaults/partnerconsent-local/secrets/tenant-b'"),
                message);
        assertTrue(message.contains("\"innererror\":{\"code\":\"ForbiddenByRbac\"}"), message);
    }

    @Test
    void aForbidCanTargetOnePrincipal() {
        vault.seed("shared", "v");
        Principal other = vault.registerClient("other-app", "other-secret");
        SecretClient otherClient = VaultClients.secretClient(vault,
                VaultClients.clientSecret(vault, "other-app", "other-secret"));
        vault.faults().forbidFor(other.objectId(), Operation.GET);

        HttpResponseException e = assertThrows(HttpResponseException.class, () -> otherClient.getSecret("shared"));

        assertEquals(403, e.getResponse().getStatusCode());
        assertTrue(e.getMessage().contains("appid=other-app;oid=" + other.objectId()), e.getMessage());
        assertEquals("v", client.getSecret("shared").getValue());
    }

    @Test
    void aThrottledCallIsRetriedByTheSdkAfterRetryAfter() {
        vault.seed("tenant-c", "v");
        SecretClient quick = quickClient(3);
        quick.getSecret("tenant-c");
        vault.counters().reset();
        vault.faults().throttleNext(1, Duration.ofSeconds(1), Operation.GET);

        long started = System.nanoTime();
        assertEquals("v", quick.getSecret("tenant-c").getValue());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofMillis(950)) >= 0, "waited only " + took + " despite Retry-After: 1");
        assertEquals(1, vault.counters().count(Operation.GET, 429));
        assertEquals(1, vault.counters().count(Operation.GET, 200));
    }

    @Test
    void aThrottleAnswerCarriesKeyVaultsBodyAndRetryAfter() {
        vault.faults().throttleNext(1, Duration.ofSeconds(2), Operation.LIST);

        HttpResponse<String> response = RawHttp.get(vaultUrl("/secrets?api-version=7.6"), VaultTestApp.token(vault));

        assertEquals(429, response.statusCode());
        assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(response.headers().firstValue("x-ms-retry-after-ms").isEmpty());
        assertEquals("Throttled", RawHttp.json(response).path("error").path("code").asText());
        assertEquals(200, RawHttp.get(vaultUrl("/secrets?api-version=7.6"), VaultTestApp.token(vault)).statusCode());
    }

    @Test
    void throttlingBeyondTheRetryPolicyFailsWith429() {
        vault.seed("tenant-d", "v");
        vault.faults().throttleNext(10, Duration.ofMillis(20), Operation.GET);

        HttpResponseException e = assertThrows(HttpResponseException.class,
                () -> quickClient(2).getSecret("tenant-d"));

        assertEquals(429, e.getResponse().getStatusCode());
        assertEquals(3, vault.counters().count(Operation.GET, 429), "first try and two retries");
    }

    @Test
    void aShareOfThrottledCallsIsAbsorbedByRetries() {
        vault.faults().throttleShare(0.5, Duration.ofMillis(10), Operation.SET);
        SecretClient quick = quickClient(3);

        IntStream.range(0, 6).forEach(i -> quick.setSecret("tenant-e", "v" + i));

        assertEquals(6, vault.secret("tenant-e").orElseThrow().versions().size());
        assertEquals(6, vault.counters().count(Operation.SET, 200));
        assertEquals(5, vault.counters().count(Operation.SET, 429), "every second authenticated attempt");
    }

    @Test
    void serverErrorsAreRetriedWhileFewAndSurfaceWhenRetriesRunOut() {
        vault.seed("tenant-f", "v");
        SecretClient quick = quickClient(2);

        vault.faults().failNext(503, 2, Operation.GET);
        assertEquals("v", quick.getSecret("tenant-f").getValue());
        assertEquals(2, vault.counters().count(Operation.GET, 503));

        vault.faults().failNext(500, 5, Operation.GET);
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> quick.getSecret("tenant-f"));
        assertEquals(500, e.getResponse().getStatusCode());
        assertEquals(3, vault.counters().count(Operation.GET, 500));

        vault.faults().reset();
        assertEquals("v", quick.getSecret("tenant-f").getValue());
    }

    @Test
    void aShareOfServerErrorsHitsExactlyThatShare() {
        vault.seed("tenant-g", "v");
        SecretClient quick = quickClient(3);
        vault.faults().failShare(503, 0.5, Operation.GET);

        IntStream.range(0, 4).forEach(i -> assertEquals("v", quick.getSecret("tenant-g").getValue()));

        assertEquals(3, vault.counters().count(Operation.GET, 503));
        assertEquals(4, vault.counters().count(Operation.GET, 200));
    }

    @Test
    void addedLatencyIsMeasurable() {
        vault.seed("tenant-h", "v");
        client.getSecret("tenant-h");
        Duration baseline = timed(() -> client.getSecret("tenant-h"));

        vault.faults().latency(Duration.ofMillis(250), Operation.GET);
        Duration slowed = timed(() -> client.getSecret("tenant-h"));

        assertTrue(slowed.compareTo(Duration.ofMillis(250)) >= 0, slowed.toString());
        assertTrue(slowed.minus(baseline).compareTo(Duration.ofMillis(200)) >= 0, baseline + " vs " + slowed);
    }

    @Test
    void stallingAShareOfCallsStallsExactlyThatShare() {
        vault.seed("tenant-i", "v");
        client.getSecret("tenant-i");
        vault.faults().stallShare(0.5, Duration.ofMillis(600), Operation.GET);

        List<Duration> durations = new ArrayList<>();
        IntStream.range(0, 4).forEach(i -> durations.add(timed(() -> client.getSecret("tenant-i"))));

        assertEquals(2, durations.stream().filter(d -> d.toMillis() >= 600).count(), durations.toString());
    }

    @Test
    void tokenEndpointFaultsAreOptInAndHitTheCredential() {
        vault.faults().failNext(503, 1);
        assertEquals(200, RawHttp.requestToken(vault, CLIENT_ID, CLIENT_SECRET, "https://vault.azure.net/.default")
                .statusCode(), "faults without operations leave the token endpoints alone");
        vault.faults().reset();

        vault.faults().throttleNext(1, Duration.ofMillis(50), Operation.TOKEN);
        HttpResponse<String> throttled = RawHttp.requestToken(vault, CLIENT_ID, CLIENT_SECRET,
                "https://vault.azure.net/.default");
        assertEquals(429, throttled.statusCode());
        assertEquals("temporarily_unavailable", RawHttp.json(throttled).path("error").asText());

        vault.faults().failNext(503, 1, Operation.TOKEN);
        vault.seed("tenant-j", "v");
        assertEquals("v", quickClient(2).getSecret("tenant-j").getValue(), "a fresh credential retries its token");
        assertEquals(1, vault.counters().count(Operation.TOKEN, 503));
    }

    @Test
    void resetRemovesEveryFault() {
        vault.seed("tenant-k", "v");
        vault.faults().forbid().throttleShare(1, Duration.ofSeconds(5)).failShare(500, 1)
                .latency(Duration.ofSeconds(5)).permissionModel(PermissionModel.RBAC);

        vault.faults().reset();

        assertTrue(timed(() -> assertEquals("v", client.getSecret("tenant-k").getValue()))
                .compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void faultsThatMakeNoSenseAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> vault.faults().forbid(Operation.TOKEN));
        assertThrows(IllegalArgumentException.class, () -> vault.faults().failNext(429, 1), "use throttleNext");
        assertThrows(IllegalArgumentException.class, () -> vault.faults().failShare(503, 1.5));
    }

    @Test
    void countersGiveCountsAndTimestampsForRates() {
        vault.seed("tenant-l", "v");
        client.getSecret("tenant-l");
        vault.counters().reset();
        Instant start = Instant.now();

        IntStream.range(0, 20).forEach(i -> client.getSecret("tenant-l"));
        client.setSecret("tenant-l", "w");

        assertEquals(20, vault.counters().count(Operation.GET));
        assertEquals(1, vault.counters().count(Operation.SET, 200));
        List<Instant> times = vault.counters().timestamps(Operation.GET);
        assertEquals(20, times.size());
        assertFalse(times.get(0).isBefore(start));
        assertTrue(vault.counters().ratePerSecond(Operation.GET) > 0);
        assertTrue(vault.counters().records(Operation.GET).stream().allMatch(r -> app.equals(r.principal())));

        vault.counters().reset();
        assertEquals(0, vault.counters().total());
    }

    private static Duration timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String vaultUrl(String pathAndQuery) {
        return vault.vaultUrl() + pathAndQuery;
    }
}
