package dev.partnerconsent.customers;

import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.partnerconsent.diagnostics.EntraTrace;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.ApiAnswer;
import dev.partnerconsent.entra.MicrosoftApis;
import dev.partnerconsent.lifecycle.LifecycleSettings;
import dev.partnerconsent.settings.ConsentSettings.CustomerApp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customer calls to Partner Center and Graph, through the one API client ({@link MicrosoftApis}): the customer
 * list (paged by {@code MS-ContinuationToken}), GDAP relationships and their access assignments (paged by
 * {@code @odata.nextLink}, followed only to the configured Graph host so the token goes nowhere else), and application
 * consents. Refusals become failures naming the call and Microsoft's description; the token never appears in them.
 */
@ApplicationScoped
public class CustomerCalls {

    static final String CUSTOMERS = "/v1/customers";
    static final String RELATIONSHIPS = "/v1.0/tenantRelationships/delegatedAdminRelationships";
    private static final int PAGE = 500;
    /** A partner has at most some tens of thousands of customers: a bound against a server paging forever. */
    private static final int MAX_PAGES = 1000;

    private final MicrosoftApis apis;
    private final LifecycleSettings settings;

    @Inject
    public CustomerCalls(MicrosoftApis apis, LifecycleSettings settings) {
        this.apis = apis;
        this.settings = settings;
    }

    protected CustomerCalls() {
        this(null, null);
    }

    /** Every customer of the partner whose Partner Center token this is. */
    public List<ListedCustomer> customers(AccessToken token) throws FailureException {
        List<ListedCustomer> all = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            ApiAnswer a = call("GET", settings.partnerCenterUrl(), CUSTOMERS + "?size=" + PAGE, token, Optional.empty(),
                    continuation.map(c -> Map.of("MS-ContinuationToken", c)).orElse(Map.of()), "Partner Center");
            JsonObject page = refusedUnless(a, "GET " + CUSTOMERS, FailureCode.PARTNER_CENTER_REFUSED);
            for (JsonValue v : page.getJsonArray("items") == null ? List.<JsonValue>of() : page.getJsonArray("items")) {
                JsonObject item = v.asJsonObject();
                JsonObject profile = item.getJsonObject("companyProfile");
                String id = item.getString("id", "");
                String tenant = profile == null ? id : profile.getString("tenantId", id);
                all.add(new ListedCustomer(id.toLowerCase(Locale.ROOT), tenant.toLowerCase(Locale.ROOT),
                        profile == null ? "" : profile.getString("companyName", ""), profile == null ? "" : profile.getString("domain", "")));
            }
            continuation = nextContinuation(page);
            if (continuation.isEmpty()) {
                return all;
            }
        }
        throw new FailureException(FailureCode.PARTNER_CENTER_REFUSED, "Partner Center kept answering more pages of "
                + CUSTOMERS + " after " + MAX_PAGES + "; the listing was stopped.");
    }

    private static Optional<String> nextContinuation(JsonObject page) {
        JsonObject links = page.getJsonObject("links");
        JsonObject next = links == null ? null : links.getJsonObject("next");
        if (next != null && next.getJsonArray("headers") != null) {
            for (JsonValue h : next.getJsonArray("headers")) {
                if ("MS-ContinuationToken".equalsIgnoreCase(h.asJsonObject().getString("key", ""))) {
                    return Optional.of(h.asJsonObject().getString("value", "")).filter(s -> !s.isEmpty());
                }
            }
        }
        return Optional.empty();
    }

    /** The partner's GDAP relationships (with one customer, or all), the access assignments of the active ones included. */
    public List<GdapRelationship> relationships(AccessToken token, Optional<String> customerTenantId) throws FailureException {
        URI graph = settings.graphUrl();
        String path = RELATIONSHIPS + customerTenantId.map(t -> "?$filter=" + URLEncoder.encode("customer/tenantId eq '" + t + "'",
                StandardCharsets.UTF_8).replace("+", "%20")).orElse("");
        List<GdapRelationship> all = new ArrayList<>();
        for (int pages = 0; pages < MAX_PAGES && path != null; pages++) {
            JsonObject page = refusedUnless(call("GET", graph, path, token, Optional.empty(), Map.of(), "Microsoft Graph"),
                    "GET " + RELATIONSHIPS, FailureCode.GRAPH_REFUSED);
            for (JsonValue v : page.getJsonArray("value") == null ? List.<JsonValue>of() : page.getJsonArray("value")) {
                GdapRelationship r = relationship(v.asJsonObject());
                all.add(r.active() ? r.withAssignments(assignments(token, r.id())) : r);
            }
            path = nextPath(graph, page.getString("@odata.nextLink", null));
        }
        return all;
    }

    /** The next page's path, only when Graph's link points at the configured Graph: the token goes nowhere else. */
    private static String nextPath(URI graph, String nextLink) throws FailureException {
        if (nextLink == null) {
            return null;
        }
        String base = graph.toString();
        if (!nextLink.startsWith(base + "/")) {
            throw new FailureException(FailureCode.GRAPH_REFUSED, "Microsoft Graph's next page link points outside "
                    + base + "; it was not followed.");
        }
        return nextLink.substring(base.length());
    }

    private List<GdapAssignment> assignments(AccessToken token, String relationshipId) throws FailureException {
        String path = RELATIONSHIPS + "/" + URLEncoder.encode(relationshipId, StandardCharsets.UTF_8) + "/accessAssignments";
        JsonObject page = refusedUnless(call("GET", settings.graphUrl(), path, token, Optional.empty(), Map.of(), "Microsoft Graph"),
                "GET " + RELATIONSHIPS + "/{id}/accessAssignments", FailureCode.GRAPH_REFUSED);
        List<GdapAssignment> list = new ArrayList<>();
        for (JsonValue v : page.getJsonArray("value") == null ? List.<JsonValue>of() : page.getJsonArray("value")) {
            JsonObject a = v.asJsonObject();
            JsonObject container = a.getJsonObject("accessContainer");
            list.add(new GdapAssignment(a.getString("status", ""), container == null ? "" : container.getString("accessContainerId", ""),
                    roles(a.getJsonObject("accessDetails"))));
        }
        return list;
    }

    private static GdapRelationship relationship(JsonObject r) {
        JsonObject customer = r.getJsonObject("customer");
        Optional<Instant> end;
        try {
            end = Optional.ofNullable(r.getString("endDateTime", null)).map(Instant::parse);
        } catch (DateTimeParseException e) {
            end = Optional.empty();
        }
        return new GdapRelationship(r.getString("id", ""), customer == null ? "" : customer.getString("tenantId", "").toLowerCase(Locale.ROOT),
                r.getString("status", ""), end, r.getString("autoExtendDuration", "PT0S"), roles(r.getJsonObject("accessDetails")),
                List.of());
    }

    private static List<String> roles(JsonObject accessDetails) {
        if (accessDetails == null || accessDetails.getJsonArray("unifiedRoles") == null) {
            return List.of();
        }
        return accessDetails.getJsonArray("unifiedRoles").stream()
                .map(v -> v.asJsonObject().getString("roleDefinitionId", "").toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code POST /v1/customers/{id}/applicationconsents}: the answer as it is, for the caller to read. */
    public ApiAnswer createConsent(AccessToken token, String customerId, CustomerApp app) throws FailureException {
        JsonArrayBuilder grants = Json.createArrayBuilder();
        app.grants().forEach(g -> grants.add(Json.createObjectBuilder().add("enterpriseApplicationId", g.resourceAppId())
                .add("scope", g.scope())));
        String body = Json.createObjectBuilder().add("applicationId", app.applicationId()).add("applicationGrants", grants)
                .build().toString();
        return call("POST", settings.partnerCenterUrl(), consentsPath(customerId), token, Optional.of(body), Map.of(), "Partner Center");
    }

    /** The grants of the application's consent in the customer, or empty when there is none (or it cannot be read). */
    public Optional<List<String>> consentedGrants(AccessToken token, String customerId, String applicationId) throws FailureException {
        ApiAnswer a = call("GET", settings.partnerCenterUrl(), consentsPath(customerId) + "/" + applicationId, token,
                Optional.empty(), Map.of(), "Partner Center");
        if (!a.success()) {
            return Optional.empty();
        }
        JsonObject consent = parse(a, "GET " + CUSTOMERS + "/{id}/applicationconsents/{applicationId}");
        List<String> grants = new ArrayList<>();
        for (JsonValue v : consent.getJsonArray("applicationGrants") == null ? List.<JsonValue>of() : consent.getJsonArray("applicationGrants")) {
            grants.add(grantKey(v.asJsonObject().getString("enterpriseApplicationId", ""), v.asJsonObject().getString("scope", "")));
        }
        return Optional.of(grants.stream().sorted().toList());
    }

    /** {@code DELETE /v1/customers/{id}/applicationconsents/{applicationId}}. */
    public ApiAnswer deleteConsent(AccessToken token, String customerId, String applicationId) throws FailureException {
        return call("DELETE", settings.partnerCenterUrl(), consentsPath(customerId) + "/" + applicationId, token,
                Optional.empty(), Map.of(), "Partner Center");
    }

    /** A grant as compared between what is configured and what Partner Center holds: case and scope order do not count. */
    static String grantKey(String resourceAppId, String scope) {
        return resourceAppId.toLowerCase(Locale.ROOT) + ":" + java.util.Arrays.stream(scope.split("[,\\s]+"))
                .map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).sorted().toList();
    }

    private static String consentsPath(String customerId) {
        return CUSTOMERS + "/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8) + "/applicationconsents";
    }

    private ApiAnswer call(String method, URI base, String path, AccessToken token, Optional<String> body,
                           Map<String, String> headers, String api) throws FailureException {
        try {
            return apis.send(method, base, path, token, body, headers);
        } catch (IOException e) {
            throw new FailureException(FailureCode.API_UNREACHABLE, api + " at " + base + " could not be reached ("
                    + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException(FailureCode.API_UNREACHABLE, "Interrupted while calling " + api + ".");
        }
    }

    private static JsonObject refusedUnless(ApiAnswer a, String request, FailureCode refused) throws FailureException {
        if (a.ok()) {
            return parse(a, request);
        }
        throw new FailureException(refusal(a, request, refused));
    }

    /** A refusal of a listing call as a failure: Partner Center's 900421 as the catalogue files it, else {@code refused}. */
    static Failure refusal(ApiAnswer a, String request, FailureCode refused) {
        String said = request + " was answered with HTTP " + a.status() + ": " + a.description().orElse(a.excerpt());
        if (a.mfaRequired()) {
            return new Failure(MicrosoftApis.MFA_REQUIRED, 403, said, EntraTrace.none());
        }
        return Failure.of(refused, said);
    }

    private static JsonObject parse(ApiAnswer a, String request) throws FailureException {
        try (var reader = Json.createReader(new StringReader(a.body()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new FailureException(FailureCode.PARTNER_CENTER_REFUSED, request + " answered HTTP " + a.status()
                    + " with a body that is not a JSON object: " + a.excerpt());
        }
    }
}
