package dev.partnerconsent.standin.apis;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import dev.partnerconsent.standin.apis.CustomerBook.Consent;
import dev.partnerconsent.standin.apis.CustomerBook.Customer;
import dev.partnerconsent.standin.apis.CustomerBook.Grant;
import dev.partnerconsent.standin.apis.CustomerBook.Relationship;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer routes of the Partner Center and Graph stand-in, in Microsoft's JSON shapes:
 * <ul>
 *   <li>{@code GET /v1/customers?size=N} (Partner Center): {@code totalCount} (items in this page), {@code items[]} with
 *   {@code id} and {@code companyProfile{tenantId, domain, companyName}}, and while more follow {@code links.next} whose
 *   header {@code MS-ContinuationToken} is sent with the same URL for the next page;</li>
 *   <li>{@code POST /v1/customers/{id}/applicationconsents} ({@code applicationId}, {@code applicationGrants[]} of
 *   {@code enterpriseApplicationId} + {@code scope}): 201; 403 without a GDAP role that may consent, 404 for an unknown
 *   customer, 409 when the application is consented there already, 429 with {@code Retry-After} when throttled;
 *   {@code GET} lists them, {@code GET/DELETE …/applicationconsents/{applicationId}} reads or removes one;</li>
 *   <li>{@code GET /v1.0/tenantRelationships/delegatedAdminRelationships} (Graph; {@code $filter=customer/tenantId eq
 *   '…'}, {@code $top}, paged by {@code @odata.nextLink}) and {@code …/{id}/accessAssignments}.</li>
 * </ul>
 */
final class CustomerRoutes {

    private static final Pattern CONSENTS = Pattern.compile("^/partnercenter/v1/customers/([^/]+)/applicationconsents(?:/([^/]+))?/?$");
    private static final Pattern ASSIGNMENTS = Pattern.compile(
            "^/graph/v1\\.0/tenantRelationships/delegatedAdminRelationships/([^/]+)/accessAssignments/?$");
    private static final Pattern TENANT_FILTER = Pattern.compile("^customer/tenantId eq '([0-9a-fA-F-]{36})'$");
    private static final int MAX_CUSTOMERS_PAGE = 500;
    private static final int MAX_GRAPH_PAGE = 300;

    private final CustomerBook book;
    private final BiConsumer<String, String> onConsent;
    private final Supplier<String> base;

    CustomerRoutes(CustomerBook book, BiConsumer<String, String> onConsent, Supplier<String> base) {
        this.book = book;
        this.onConsent = onConsent;
        this.base = base;
    }

    int partnerCenter(HttpExchange ex, JWTClaimsSet claims) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/partnercenter/v1/customers") || path.equals("/partnercenter/v1/customers/")) {
            return "GET".equals(ex.getRequestMethod()) ? customers(ex) : methodNotAllowed(ex);
        }
        Matcher m = CONSENTS.matcher(path);
        if (!m.matches()) {
            return partnerCenterError(ex, 404, 600008, "NotFound", "No such resource: " + path);
        }
        Optional<Customer> customer = book.customer(m.group(1));
        if (customer.isEmpty()) {
            return partnerCenterError(ex, 404, 600008, "CustomerNotFound", "The customer " + m.group(1)
                    + " was not found for this partner.");
        }
        Optional<Duration> throttled = book.takeThrottle();
        if (throttled.isPresent()) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(throttled.get().toSeconds()));
            return partnerCenterError(ex, 429, 429, "TooManyRequests", "Rate limit is exceeded. Try again in "
                    + throttled.get().toSeconds() + " seconds.");
        }
        Map<String, Consent> consents = book.consents(customer.get().id());
        String method = ex.getRequestMethod();
        if (m.group(2) == null) {
            return switch (method) {
                case "GET" -> {
                    JsonArrayBuilder items = Json.createArrayBuilder();
                    consents.values().forEach(c -> items.add(consentJson(c)));
                    yield json(ex, 200, Json.createObjectBuilder().add("totalCount", consents.size()).add("items", items)
                            .add("attributes", Json.createObjectBuilder().add("objectType", "Collection")).build());
                }
                case "POST" -> create(ex, claims, customer.get(), consents);
                default -> methodNotAllowed(ex);
            };
        }
        String appId = m.group(2).toLowerCase(Locale.ROOT);
        Consent existing = consents.get(appId);
        if (existing == null) {
            return partnerCenterError(ex, 404, 600013, "ApplicationConsentNotFound", "No consent of application "
                    + appId + " exists in customer " + customer.get().id() + ".");
        }
        return switch (method) {
            case "GET" -> json(ex, 200, consentJson(existing));
            case "DELETE" -> {
                consents.remove(appId);
                LocalMicrosoftApis.replyEmpty(ex, 204);
                yield 204;
            }
            default -> methodNotAllowed(ex);
        };
    }

    private int create(HttpExchange ex, JWTClaimsSet claims, Customer customer, Map<String, Consent> consents) throws IOException {
        JsonObject body;
        try (var reader = Json.createReader(new StringReader(new String((byte[]) ex.getAttribute(LocalMicrosoftApis.BODY), StandardCharsets.UTF_8)))) {
            body = reader.readObject();
        } catch (RuntimeException e) {
            return partnerCenterError(ex, 400, 400, "BadRequest", "The request body is not a JSON object.");
        }
        String appId = body.getString("applicationId", "").toLowerCase(Locale.ROOT);
        List<Grant> grants = new ArrayList<>();
        for (JsonValue v : body.getJsonArray("applicationGrants") == null ? List.<JsonValue>of() : body.getJsonArray("applicationGrants")) {
            JsonObject g = v.asJsonObject();
            grants.add(new Grant(g.getString("enterpriseApplicationId", ""), g.getString("scope", "")));
        }
        if (appId.isEmpty() || grants.isEmpty()) {
            return partnerCenterError(ex, 400, 400, "BadRequest", "applicationId and applicationGrants are required.");
        }
        if (!book.mayConsentIn(customer)) {
            return partnerCenterError(ex, 403, 403, "Forbidden", "The partner holds no role in customer " + customer.id()
                    + " through an active granular delegated admin relationship that allows consenting an application.");
        }
        if (consents.containsKey(appId)) {
            return partnerCenterError(ex, 409, 600041, "Conflict", "Application " + appId
                    + " is already consented in customer " + customer.id() + ".");
        }
        Consent c = new Consent(appId, body.getString("displayName", ""), List.copyOf(grants));
        consents.put(appId, c);
        onConsent.accept(String.valueOf(claims.getClaim("tid")), customer.tenantId());
        return json(ex, 201, consentJson(c));
    }

    private int customers(HttpExchange ex) throws IOException {
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        int size = Math.max(1, Math.min(MAX_CUSTOMERS_PAGE, parse(query.get("size"), 200)));
        int offset = 0;
        String continuation = ex.getRequestHeaders().getFirst("MS-ContinuationToken");
        if (continuation != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(continuation), StandardCharsets.UTF_8).split(":");
                offset = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                return partnerCenterError(ex, 400, 400, "BadRequest", "The continuation token is not valid.");
            }
        }
        List<Customer> all = book.customers();
        List<Customer> page = all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()));
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Customer c : page) {
            items.add(Json.createObjectBuilder()
                    .add("id", c.id())
                    .add("companyProfile", Json.createObjectBuilder()
                            .add("tenantId", c.tenantId()).add("domain", c.domain()).add("companyName", c.companyName())
                            .add("attributes", Json.createObjectBuilder().add("objectType", "CustomerCompanyProfile")))
                    .add("relationshipToPartner", "reseller")
                    .add("allowDelegatedAccess", c.gdap() != CustomerBook.Gdap.NONE)
                    .add("links", Json.createObjectBuilder().add("self", link("/customers/" + c.id(), Optional.empty())))
                    .add("attributes", Json.createObjectBuilder().add("objectType", "Customer")));
        }
        JsonObjectBuilder links = Json.createObjectBuilder().add("self", link("/customers?size=" + size, Optional.empty()));
        JsonObjectBuilder answer = Json.createObjectBuilder().add("totalCount", page.size()).add("items", items);
        int next = offset + page.size();
        if (next < all.size()) {
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(("c1:" + next).getBytes(StandardCharsets.UTF_8));
            links.add("next", link("/customers?size=" + size, Optional.of(token)));
            answer.add("continuationToken", token);
        }
        answer.add("links", links).add("attributes", Json.createObjectBuilder().add("objectType", "Collection"));
        return json(ex, 200, answer.build());
    }

    private static JsonObjectBuilder link(String uri, Optional<String> continuation) {
        JsonArrayBuilder headers = Json.createArrayBuilder();
        continuation.ifPresent(t -> headers.add(Json.createObjectBuilder().add("key", "MS-ContinuationToken").add("value", t)));
        return Json.createObjectBuilder().add("uri", uri).add("method", "GET").add("headers", headers);
    }

    int graph(HttpExchange ex, JWTClaimsSet claims) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            return graphError(ex, 405, "Request_BadRequest", "Only GET is served here.");
        }
        String path = ex.getRequestURI().getPath();
        Matcher m = ASSIGNMENTS.matcher(path);
        if (m.matches()) {
            Optional<Relationship> r = book.relationship(m.group(1));
            if (r.isEmpty()) {
                return graphError(ex, 404, "Request_ResourceNotFound", "Resource '" + m.group(1) + "' does not exist.");
            }
            JsonArrayBuilder value = Json.createArrayBuilder();
            for (CustomerBook.Assignment a : r.get().assignments()) {
                JsonArrayBuilder roles = Json.createArrayBuilder();
                a.roles().forEach(role -> roles.add(Json.createObjectBuilder().add("roleDefinitionId", role)));
                value.add(Json.createObjectBuilder().add("@odata.type", "#microsoft.graph.delegatedAdminAccessAssignment")
                        .add("id", a.id()).add("status", a.status())
                        .add("createdDateTime", r.get().activated().toString())
                        .add("lastModifiedDateTime", r.get().activated().toString())
                        .add("accessContainer", Json.createObjectBuilder().add("accessContainerId", a.groupId())
                                .add("accessContainerType", "securityGroup"))
                        .add("accessDetails", Json.createObjectBuilder().add("unifiedRoles", roles)));
            }
            return json(ex, 200, Json.createObjectBuilder()
                    .add("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships('"
                            + r.get().id() + "')/accessAssignments")
                    .add("value", value).build());
        }
        if (!path.matches("^/graph/v1\\.0/tenantRelationships/delegatedAdminRelationships/?$")) {
            return graphError(ex, 404, "Request_ResourceNotFound", "No such resource: " + path);
        }
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        List<Relationship> matching = book.relationships();
        if (query.containsKey("$filter")) {
            Matcher f = TENANT_FILTER.matcher(query.get("$filter"));
            if (!f.matches()) {
                return graphError(ex, 400, "BadRequest", "Invalid filter clause: " + query.get("$filter"));
            }
            String tenant = f.group(1).toLowerCase(Locale.ROOT);
            matching = matching.stream().filter(r -> r.customerTenantId().equals(tenant)).toList();
        }
        int top = Math.max(1, Math.min(MAX_GRAPH_PAGE, parse(query.get("$top"), MAX_GRAPH_PAGE)));
        int skip = parse(query.get("$skiptoken"), 0);
        List<Relationship> page = matching.subList(Math.min(skip, matching.size()), Math.min(skip + top, matching.size()));
        JsonArrayBuilder value = Json.createArrayBuilder();
        page.forEach(r -> value.add(relationshipJson(r)));
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships")
                .add("value", value);
        if (skip + page.size() < matching.size()) {
            StringBuilder next = new StringBuilder(base.get()).append("/graph/v1.0/tenantRelationships/delegatedAdminRelationships?$top=")
                    .append(top).append("&$skiptoken=").append(skip + page.size());
            if (query.containsKey("$filter")) {
                next.append("&$filter=").append(java.net.URLEncoder.encode(query.get("$filter"), StandardCharsets.UTF_8).replace("+", "%20"));
            }
            answer.add("@odata.nextLink", next.toString());
        }
        return json(ex, 200, answer.build());
    }

    private static JsonObject relationshipJson(Relationship r) {
        JsonArrayBuilder roles = Json.createArrayBuilder();
        r.roles().forEach(role -> roles.add(Json.createObjectBuilder().add("roleDefinitionId", role)));
        return Json.createObjectBuilder()
                .add("@odata.type", "#microsoft.graph.delegatedAdminRelationship")
                .add("id", r.id()).add("displayName", r.displayName())
                .add("duration", "P730D").add("status", r.status())
                .add("autoExtendDuration", r.autoExtendDuration())
                .add("createdDateTime", r.activated().minus(Duration.ofDays(1)).toString())
                .add("lastModifiedDateTime", r.activated().toString())
                .add("activatedDateTime", r.activated().toString())
                .add("endDateTime", r.end().toString())
                .add("customer", Json.createObjectBuilder().add("tenantId", r.customerTenantId()).add("displayName", r.customerName()))
                .add("accessDetails", Json.createObjectBuilder().add("unifiedRoles", roles))
                .build();
    }

    private static JsonObject consentJson(Consent c) {
        JsonArrayBuilder grants = Json.createArrayBuilder();
        c.grants().forEach(g -> grants.add(Json.createObjectBuilder().add("enterpriseApplicationId", g.enterpriseApplicationId())
                .add("scope", g.scope())));
        return Json.createObjectBuilder().add("applicationId", c.applicationId()).add("displayName", c.displayName())
                .add("applicationGrants", grants).build();
    }

    private static int partnerCenterError(HttpExchange ex, int status, int code, String name, String description) throws IOException {
        return json(ex, status, Json.createObjectBuilder().add("code", code).add("description", description)
                .add("errorName", name).add("isRetryable", status == 429).add("data", Json.createArrayBuilder())
                .add("source", "PartnerFD").build());
    }

    private static int graphError(HttpExchange ex, int status, String code, String message) throws IOException {
        return json(ex, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code)
                .add("message", message)).build());
    }

    private static int methodNotAllowed(HttpExchange ex) throws IOException {
        return partnerCenterError(ex, 405, 405, "MethodNotAllowed", "The method is not allowed here.");
    }

    private static int json(HttpExchange ex, int status, JsonObject body) throws IOException {
        LocalMicrosoftApis.reply(ex, status, body.toString());
        return status;
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
