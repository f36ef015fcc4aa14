package dev.partnerconsent.standin.apis;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.standin.StandIns;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The customer routes answer in Microsoft's shapes, page as Microsoft pages, and refuse as Microsoft refuses. */
class CustomerRoutesTest {

    private static final String GRAPH_APP = "00000003-0000-0000-c000-000000000000";
    private static StandIns standIns;
    private static HttpClient http;
    private static String partner;
    private static String partnerCenterToken;
    private static String graphToken;

    @BeforeAll
    static void start() throws Exception {
        standIns = StandIns.start(Path.of(System.getProperty("standin.dir")), 0, 0);
        standIns.registerApp("http://127.0.0.1:1");
        http = HttpClient.newBuilder().sslContext(standIns.tls().clientSslContext()).build();
        partner = UUID.randomUUID().toString();
        String refresh = standIns.entra().issueRefreshToken(partner, "admin@partner.example", true, StandIns.APP_CLIENT_ID,
                "https://api.partnercenter.microsoft.com/user_impersonation offline_access");
        partnerCenterToken = redeem(partner, refresh, "https://api.partnercenter.microsoft.com/user_impersonation");
        graphToken = redeem(partner, refresh, "https://graph.microsoft.com/.default");
    }

    @AfterAll
    static void stop() {
        standIns.close();
    }

    @BeforeEach
    void reseed() {
        standIns.apis().customers().seed(1234);
    }

    private static String redeem(String tenant, String refresh, String scope) throws Exception {
        TokenResponse r = TokenResponse.parse(new TokenRequest(URI.create(standIns.entra().tokenEndpoint(tenant)),
                new ClientSecretPost(new ClientID(StandIns.APP_CLIENT_ID), new Secret(StandIns.APP_CLIENT_SECRET)),
                new RefreshTokenGrant(new RefreshToken(refresh)), new Scope(scope.split(" "))).toHTTPRequest().send());
        assertTrue(r.indicatesSuccess(), () -> r.toErrorResponse().getErrorObject().toString());
        return r.toSuccessResponse().getTokens().getAccessToken().getValue();
    }

    private static HttpResponse<String> call(String method, String url, String token, String body, String continuation)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (continuation != null) {
            b.header("MS-ContinuationToken", continuation);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    @Test
    void customersArePagedWithTheContinuationTokenOfLinksNext() throws Exception {
        String url = standIns.apis().partnerCenterUrl() + "/v1/customers?size=500";
        Set<String> seen = new HashSet<>();
        String continuation = null;
        int pages = 0;
        do {
            JsonObject page = json(call("GET", url, partnerCenterToken, null, continuation));
            pages++;
            assertEquals(page.getJsonArray("items").size(), page.getInt("totalCount"), "totalCount counts this page's items");
            page.getJsonArray("items").forEach(v -> {
                JsonObject profile = v.asJsonObject().getJsonObject("companyProfile");
                assertEquals(v.asJsonObject().getString("id"), profile.getString("tenantId"));
                assertTrue(profile.getString("domain").endsWith(".onmicrosoft.com"));
                seen.add(profile.getString("tenantId"));
            });
            JsonObject next = page.getJsonObject("links").getJsonObject("next");
            continuation = next == null ? null : next.getJsonArray("headers").getJsonObject(0).getString("value");
            if (next != null) {
                assertEquals("MS-ContinuationToken", next.getJsonArray("headers").getJsonObject(0).getString("key"));
            }
        } while (continuation != null);
        assertEquals(3, pages);
        assertEquals(1234, seen.size(), "every customer once");
        assertTrue(seen.contains(CustomerBook.tenantIdOf(0)), "the same ids every run");
    }

    @Test
    void relationshipsFilterByCustomerAndNameTheirAssignments() throws Exception {
        String healthy = CustomerBook.tenantIdOf(4);
        String url = standIns.apis().graphUrl() + "/v1.0/tenantRelationships/delegatedAdminRelationships?$filter="
                + java.net.URLEncoder.encode("customer/tenantId eq '" + healthy + "'", java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        JsonObject list = json(call("GET", url, graphToken, null, null));
        assertEquals(1, list.getJsonArray("value").size());
        JsonObject r = list.getJsonArray("value").getJsonObject(0);
        assertEquals("active", r.getString("status"));
        assertEquals("P180D", r.getString("autoExtendDuration"));
        assertEquals(healthy, r.getJsonObject("customer").getString("tenantId"));
        JsonObject assignments = json(call("GET", standIns.apis().graphUrl() + "/v1.0/tenantRelationships/delegatedAdminRelationships/"
                + r.getString("id") + "/accessAssignments", graphToken, null, null));
        JsonObject first = assignments.getJsonArray("value").getJsonObject(0);
        assertEquals("securityGroup", first.getJsonObject("accessContainer").getString("accessContainerType"));
        assertEquals(CustomerBook.CLOUD_APPLICATION_ADMINISTRATOR, first.getJsonObject("accessDetails")
                .getJsonArray("unifiedRoles").getJsonObject(0).getString("roleDefinitionId"));

        JsonObject all = json(call("GET", standIns.apis().graphUrl() + "/v1.0/tenantRelationships/delegatedAdminRelationships",
                graphToken, null, null));
        assertEquals(300, all.getJsonArray("value").size(), "Graph's page size");
        assertTrue(all.getString("@odata.nextLink").contains("$skiptoken="));
    }

    @Test
    void applicationConsentsAnswer201ThenTheFailuresMicrosoftDocuments() throws Exception {
        String body = "{\"applicationId\":\"" + StandIns.APP_CLIENT_ID + "\",\"applicationGrants\":[{\"enterpriseApplicationId\":\""
                + GRAPH_APP + "\",\"scope\":\"User.Read\"}]}";
        String consents = standIns.apis().partnerCenterUrl() + "/v1/customers/%s/applicationconsents";
        String healthy = CustomerBook.tenantIdOf(4);
        assertEquals(201, call("POST", consents.formatted(healthy), partnerCenterToken, body, null).statusCode());
        HttpResponse<String> again = call("POST", consents.formatted(healthy), partnerCenterToken, body, null);
        assertEquals(409, again.statusCode(), "already consented");
        assertEquals("Conflict", json(again).getString("errorName"));

        HttpResponse<String> readerOnly = call("POST", consents.formatted(CustomerBook.tenantIdOf(3)), partnerCenterToken, body, null);
        assertEquals(403, readerOnly.statusCode(), "Directory Readers cannot consent an application");
        HttpResponse<String> unknown = call("POST", consents.formatted(UUID.randomUUID()), partnerCenterToken, body, null);
        assertEquals(404, unknown.statusCode());
        assertEquals("CustomerNotFound", json(unknown).getString("errorName"));

        standIns.apis().customers().throttle(1, Duration.ofSeconds(7));
        HttpResponse<String> throttled = call("POST", consents.formatted(CustomerBook.tenantIdOf(5)), partnerCenterToken, body, null);
        assertEquals(429, throttled.statusCode());
        assertEquals("7", throttled.headers().firstValue("Retry-After").orElse(""));
        assertEquals(201, call("POST", consents.formatted(CustomerBook.tenantIdOf(5)), partnerCenterToken, body, null).statusCode(),
                "one throttled answer, then served");

        assertEquals(204, call("DELETE", consents.formatted(healthy) + "/" + StandIns.APP_CLIENT_ID, partnerCenterToken, null, null)
                .statusCode());
        assertEquals(0, json(call("GET", consents.formatted(healthy), partnerCenterToken, null, null)).getInt("totalCount"));
        assertEquals(1, standIns.apis().customers().consentedCount(StandIns.APP_CLIENT_ID));
    }

    @Test
    void theSameTokenChecksApply() throws Exception {
        HttpResponse<String> wrongAudience = call("GET", standIns.apis().partnerCenterUrl() + "/v1/customers", graphToken, null, null);
        assertEquals(401, wrongAudience.statusCode());
        assertFalse(wrongAudience.body().contains("items"));
    }
}
