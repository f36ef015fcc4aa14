package dev.partnerconsent.standin.keyvault;

import static dev.partnerconsent.standin.keyvault.VaultTestApp.CLIENT_ID;
import static dev.partnerconsent.standin.keyvault.VaultTestApp.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/** Key Vault's bearer challenge, token checks, and both credentials the application can use. */
@ExtendWith(StandInExtension.class)
class AuthenticationTest {

    @StandIn
    static LocalKeyVault vault;

    private static final String VAULT_SCOPE = "https://vault.azure.net/.default";

    @Test
    void anUnauthenticatedCallGetsKeyVaultsBearerChallenge() {
        HttpResponse<String> response = RawHttp.get(vaultUrl("/secrets/anything?api-version=7.6"), null);

        assertEquals(401, response.statusCode());
        assertEquals("Bearer authorization=\"" + vault.authorityHost() + "/" + vault.tenantId()
                        + "\", resource=\"https://vault.azure.net\"",
                response.headers().firstValue("WWW-Authenticate").orElseThrow());
        JsonNode error = RawHttp.json(response).path("error");
        assertEquals("Unauthorized", error.path("code").asText());
        assertEquals("AKV10000: Request is missing a Bearer or PoP token.", error.path("message").asText());
    }

    @Test
    void theSdkAnswersTheChallengeWithATokenFromTheEmulator() {
        // A vault on a new port: the SDK caches challenges per host:port for the whole JVM.
        try (LocalKeyVault fresh = LocalKeyVault.start(VaultClients.tls(), 0)) {
            Principal app = fresh.registerClient("challenged-app", "pw");
            SecretClient sdk = VaultClients.secretClient(fresh,
                    VaultClients.clientSecret(fresh, "challenged-app", "pw"));

            sdk.setSecret("first", "value");

            List<RequestRecord> records = fresh.counters().records();
            assertEquals(List.of(Operation.SET, Operation.TOKEN, Operation.SET),
                    records.stream().map(RequestRecord::operation).toList());
            assertEquals(List.of(401, 200, 200), records.stream().map(RequestRecord::status).toList());
            assertNull(records.get(0).principal());
            assertEquals(app, records.get(2).principal());
            assertEquals(List.of("value"), fresh.secret("first").orElseThrow().values());
        }
    }

    @Test
    void aTokenTheEmulatorDidNotIssueIsRefused() {
        HttpResponse<String> raw = RawHttp.get(vaultUrl("/secrets?api-version=7.6"), "eyJhbGciOiJub25lIn0.e30.forged");
        assertEquals(401, raw.statusCode());
        assertTrue(raw.headers().firstValue("WWW-Authenticate").isPresent());
        assertTrue(RawHttp.json(raw).path("error").path("message").asText().startsWith("AKV10046"), raw.body());

        TokenCredential forged = request -> Mono.just(new AccessToken("forged", OffsetDateTime.now().plusHours(1)));
        ClientAuthenticationException e = assertThrows(ClientAuthenticationException.class,
                () -> VaultClients.secretClient(vault, forged).getSecret("x"));
        assertEquals(401, e.getResponse().getStatusCode());
    }

    @Test
    void anExpiredTokenIsRefused() {
        // Expiring tokens would also expire the shared client's: use a vault of its own.
        try (LocalKeyVault other = LocalKeyVault.start(VaultClients.tls(), 0)) {
            other.registerClient("app", "pw");
            String token = RawHttp.token(other, "app", "pw");
            assertEquals(200, RawHttp.get(other.vaultUrl() + "/secrets?api-version=7.6", token).statusCode());

            other.expireTokens();

            HttpResponse<String> expired = RawHttp.get(other.vaultUrl() + "/secrets?api-version=7.6", token);
            assertEquals(401, expired.statusCode());
            assertEquals("[TokenExpired] Error validating token: 'S2S12086'.",
                    RawHttp.json(expired).path("error").path("message").asText());
        }
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        HttpResponse<String> graph = RawHttp.requestToken(vault, CLIENT_ID, CLIENT_SECRET,
                "https://graph.microsoft.com/.default");
        String token = RawHttp.json(graph).path("access_token").asText();

        HttpResponse<String> response = RawHttp.get(vaultUrl("/secrets?api-version=7.6"), token);

        assertEquals(401, response.statusCode());
        assertTrue(RawHttp.json(response).path("error").path("message").asText()
                .startsWith("AKV10022: Invalid audience. Expected https://vault.azure.net, found: "
                        + "https://graph.microsoft.com"), response.body());
    }

    /**
     * The emulator answers like Entra; what the application then sees is the SDK's doing. azure-identity 1.18.4's
     * {@code ClientSecretCredential} does not wrap MSAL's failure in {@code ClientAuthenticationException}: the sync
     * client throws {@code RuntimeException(ExecutionException(MsalServiceException))}, the async credential emits
     * the bare {@code MsalServiceException}. Both carry Entra's AADSTS description.
     */
    @Test
    void aWrongClientSecretFailsLikeEntraWithAadsts7000215() {
        TokenCredential wrongSecret = VaultClients.clientSecret(vault, CLIENT_ID, "wrong");
        SecretClient wrong = VaultClients.secretClient(vault, wrongSecret, 0);

        RuntimeException sync = assertThrows(RuntimeException.class, () -> wrong.getSecret("anything"));
        MsalServiceException cause = msalCause(sync);
        assertEquals(401, cause.statusCode());
        assertEquals("invalid_client", cause.errorCode());
        assertTrue(cause.getMessage().startsWith("AADSTS7000215: Invalid client secret provided."), cause.getMessage());
        assertTrue(sync.getMessage().contains("AADSTS7000215"), sync.getMessage());

        Throwable async = assertThrows(Throwable.class, () -> wrongSecret.getToken(
                new TokenRequestContext().addScopes(VAULT_SCOPE).setTenantId(vault.tenantId())).block());
        assertTrue(msalCause(async).getMessage().contains("AADSTS7000215"));

        HttpResponse<String> raw = RawHttp.requestToken(vault, CLIENT_ID, "wrong", VAULT_SCOPE);
        assertEquals(401, raw.statusCode());
        JsonNode body = RawHttp.json(raw);
        assertEquals("invalid_client", body.path("error").asText());
        assertEquals(7000215, body.path("error_codes").path(0).asInt());
        assertTrue(body.path("error_description").asText().contains("for a secret added to app '" + CLIENT_ID + "'"));
        for (String field : List.of("timestamp", "trace_id", "correlation_id", "error_uri")) {
            assertTrue(body.hasNonNull(field), field);
        }
        assertTrue(body.path("error_description").asText().contains("Trace ID: " + body.path("trace_id").asText()));
    }

    @Test
    void anUnknownClientIdFailsWithAadsts700016() {
        SecretClient stranger = VaultClients.secretClient(vault,
                VaultClients.clientSecret(vault, "00000000-0000-0000-0000-000000000bad", "pw"), 0);

        RuntimeException e = assertThrows(RuntimeException.class, () -> stranger.getSecret("anything"));

        MsalServiceException cause = msalCause(e);
        assertEquals("unauthorized_client", cause.errorCode());
        assertTrue(cause.getMessage().startsWith("AADSTS700016: Application with identifier "
                + "'00000000-0000-0000-0000-000000000bad' was not found in the directory"), cause.getMessage());
        HttpResponse<String> raw = RawHttp.requestToken(vault, "nobody", "pw", VAULT_SCOPE);
        assertEquals(400, raw.statusCode());
        assertEquals("unauthorized_client", RawHttp.json(raw).path("error").asText());
    }

    private static MsalServiceException msalCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof MsalServiceException msal) {
                return msal;
            }
        }
        throw new AssertionError("No MsalServiceException in the cause chain", thrown);
    }

    @Test
    void theTokenEndpointOnlyServesTheEmulatedTenantAndDefaultScopes() {
        HttpResponse<String> otherTenant = RawHttp.send("POST", vault.authorityHost() + "/common/oauth2/v2.0/token",
                null, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                        + "&scope=https%3A%2F%2Fvault.azure.net%2F.default");
        assertEquals(400, otherTenant.statusCode());
        assertEquals(90002, RawHttp.json(otherTenant).path("error_codes").path(0).asInt());

        HttpResponse<String> noDefault = RawHttp.requestToken(vault, CLIENT_ID, CLIENT_SECRET,
                "https://vault.azure.net/user_impersonation");
        assertEquals(400, noDefault.statusCode());
        assertEquals(1002012, RawHttp.json(noDefault).path("error_codes").path(0).asInt());
    }

    @Test
    void theManagedIdentityEndpointSpeaksTheAppServiceProtocol() {
        String endpoint = vault.managedIdentityEndpoint() + "?api-version=2019-08-01&resource=https://vault.azure.net";
        Map<String, String> header = Map.of("X-IDENTITY-HEADER", vault.managedIdentityHeader());

        assertEquals(401, RawHttp.get(endpoint, null).statusCode());
        assertEquals(401, RawHttp.send("GET", endpoint, null, Map.of("X-IDENTITY-HEADER", "guess"), null)
                .statusCode());
        assertEquals(400, RawHttp.send("GET", endpoint + "&client_id=someone-else", null, header, null)
                .statusCode());
        HttpResponse<String> ok = RawHttp.send("GET", endpoint, null, header, null);

        assertEquals(200, ok.statusCode());
        JsonNode body = RawHttp.json(ok);
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals("https://vault.azure.net", body.path("resource").asText());
        assertEquals(vault.managedIdentity().appId(), body.path("client_id").asText());
        assertTrue(body.path("expires_on").isTextual(), "App Service sends expires_on as a string");
        assertTrue(Long.parseLong(body.path("expires_on").asText()) > Instant.now().getEpochSecond());

        assertEquals(200, RawHttp.get(vaultUrl("/secrets?api-version=7.6"), body.path("access_token").asText())
                .statusCode());
        assertEquals(vault.managedIdentity(), vault.counters().records(Operation.LIST).get(0).principal());
    }

    @Test
    void managedIdentityCredentialWorksInAJvmConfiguredLikePayara() throws Exception {
        String output = runProbe("managed-identity", "mi-secret", "from-managed-identity");

        assertTrue(output.contains("OK " + vault.secret("mi-secret").orElseThrow().latest().version()), output);
        assertEquals(1, vault.counters().count(Operation.TOKEN, 200));
        assertEquals(vault.managedIdentity(), vault.counters().records(Operation.SET).stream()
                .filter(r -> r.status() == 200).findFirst().orElseThrow().principal());
    }

    @Test
    void defaultAzureCredentialFallsThroughToManagedIdentityInAJvmConfiguredLikePayara() throws Exception {
        String output = runProbe("default", "dac-secret", "from-default-credential");

        assertTrue(output.contains("OK "), output);
        assertEquals(List.of("from-default-credential"), vault.secret("dac-secret").orElseThrow().values());
        assertEquals(vault.managedIdentity(), vault.counters().records(Operation.GET).stream()
                .filter(r -> r.status() == 200).findFirst().orElseThrow().principal());
    }

    /**
     * Runs {@link ManagedIdentityProbe} in a new JVM with the emulator's managed identity variables in its real
     * environment and the stand-in trust store in its system properties, nothing else Azure-related inherited.
     */
    private static String runProbe(String credential, String name, String value)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.addAll(VaultClients.tls().trustStoreJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ManagedIdentityProbe.class.getName(),
                credential, vault.vaultUrl(), name, value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("AZURE_") || key.startsWith("IDENTITY_")
                || key.startsWith("MSI_") || key.startsWith("IMDS_"));
        builder.environment().putAll(vault.managedIdentityEnvironment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not exit");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String vaultUrl(String pathAndQuery) {
        return vault.vaultUrl() + pathAndQuery;
    }
}
