package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ItTenants;
import dev.partnerconsent.it.support.KeepAliveRuns;
import dev.partnerconsent.it.support.LeakCheck;
import dev.partnerconsent.it.support.OperatorApi;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.it.support.SeededConsents;
import dev.partnerconsent.it.support.OperatorApi.Answer;
import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import dev.partnerconsent.lifecycle.KeepAlive;
import dev.partnerconsent.operator.OperatorRole;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operator access, the inventory and keep-alive on Payara Micro against the stand-ins: every {@code /admin/} page and
 * {@code /api/} route refuses anonymous callers and callers without the role, and accepts operators; the API's
 * inventory and keep-alive over many tenants.
 */
class OperatorIT extends InContainer {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    /** Whose sessions the routes' "revoke all" names: nobody who signs in here, so revoking them ends nothing. */
    private static final String NOBODY = "00000000-0000-4000-8000-000000000001:00000000-0000-4000-8000-000000000002";
    /** A tenant with a healthy stored consent, for the per-tenant routes. */
    private static String healthy;

    /**
     * A route under /admin/ or /api/; {@code {t}} stands for a tenant id. {@code needs} is the least role that may use it,
     * stated here as the README states it (not taken from the app's table).
     */
    record Route(String method, String path, OperatorRole needs) {
        String at(String tenant) {
            return path.replace("{t}", tenant);
        }

        boolean api() {
            return path.startsWith("/api");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route("GET", "/admin/consents.xhtml", OperatorRole.READER),
                new Route("GET", "/admin/check.xhtml", OperatorRole.READER),
                new Route("GET", "/admin/", OperatorRole.READER),
                new Route("GET", "/admin/setup.xhtml", OperatorRole.READER),
                new Route("POST", "/admin/actions/refresh", OperatorRole.OPERATOR),
                new Route("POST", "/admin/actions/check", OperatorRole.OPERATOR),
                new Route("POST", "/admin/actions/test-alert", OperatorRole.OPERATOR),
                new Route("POST", "/api/alerts/test", OperatorRole.OPERATOR),
                new Route("GET", "/api/consents", OperatorRole.READER),
                new Route("GET", "/api/consents/refresh", OperatorRole.READER),
                new Route("POST", "/api/consents/refresh", OperatorRole.OPERATOR),
                new Route("POST", "/api/consents/{t}/refresh", OperatorRole.OPERATOR),
                new Route("POST", "/api/consents/{t}/check", OperatorRole.OPERATOR),
                new Route("POST", "/api/consents/{t}/access-token", OperatorRole.TOKEN_ISSUER),
                new Route("POST", "/api/consents/{t}/access-token/", OperatorRole.TOKEN_ISSUER),
                new Route("GET", "/admin/audit.xhtml", OperatorRole.READER),
                new Route("GET", "/admin/runs.xhtml", OperatorRole.READER),
                new Route("GET", "/api/audit", OperatorRole.READER),
                new Route("GET", "/api/audit/export", OperatorRole.READER),
                new Route("GET", "/api/audit/verify", OperatorRole.READER),
                new Route("GET", "/api/runs", OperatorRole.READER),
                new Route("GET", "/api/setup", OperatorRole.READER),
                new Route("GET", "/admin/index.xhtml", OperatorRole.READER),
                new Route("GET", "/api/health-summary", OperatorRole.READER),
                new Route("POST", "/api/health/backfill", OperatorRole.OPERATOR),
                new Route("GET", "/admin/customers.xhtml", OperatorRole.READER),
                new Route("GET", "/api/customers", OperatorRole.READER),
                new Route("GET", "/admin/sessions.xhtml", OperatorRole.READER),
                new Route("GET", "/api/sessions", OperatorRole.READER),
                new Route("POST", "/api/sessions/revoke", OperatorRole.OPERATOR),
                new Route("POST", "/admin/sessions/revoke", OperatorRole.OPERATOR),
                new Route("GET", "/api/nothing-here", OperatorRole.READER));
    }

    @BeforeAll
    static void seedAHealthyConsent() throws Exception {
        healthy = seed(1).get(0);
    }

    // ---------------------------------------------------------------- who may call

    @ParameterizedTest
    @MethodSource("routes")
    void anonymousCallersAreRefused(Route route) throws Exception {
        Answer a = OperatorApi.anonymous().send(route.method(), route.at(healthy), Map.of("tenant", healthy), Map.of());
        if (!route.api() && route.method().equals("GET")) {
            assertTrue(a.status() == 302 || a.status() == 303, route + " → " + a.status() + " " + a.body());
            assertTrue(a.header("Location").orElse("").contains("/operator/signin?return="), a.header("Location").orElse(""));
            return;
        }
        assertEquals(401, a.status(), route + ": " + a.body());
        if (route.api()) {
            assertEquals("operator-sign-in-required", json(a).getString("error"), a.body());
            assertFalse(json(a).getString("fix").isBlank());
            assertTrue(a.header("WWW-Authenticate").orElse("").startsWith("Bearer"), "401 names the scheme");
        } else {
            assertEquals("operator-sign-in-required", ConsentBrowser.text(page(a), "error-code"), a.body());
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void signedInUsersWithoutTheRoleAreRefused(Route route) throws Exception {
        for (ConsentBrowser b : List.of(Operators.signedIn(Operators.NOT_AN_OPERATOR, Operators.OPERATOR_TENANT),
                Operators.signedIn(Operators.ROLE_ELSEWHERE, Operators.ROLE_ELSEWHERE_TENANT),
                // the listed admin's user name, but in another tenant: another person
                Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.OPERATOR_TENANT),
                Operators.signedIn(Operators.RETIRED_ROLE, Operators.OPERATOR_TENANT))) {
            Answer a = OperatorApi.session(b).send(route.method(), route.at(healthy), Map.of("tenant", healthy), Map.of());
            assertEquals(403, a.status(), route + ": " + a.body());
            String code = route.api() ? json(a).getString("error") : ConsentBrowser.text(page(a), "error-code");
            assertEquals("operator-forbidden", code, a.body());
            assertFalse(a.body().contains("Exception"), a.body());
        }
        // the admin's user name signing in from another tenant (partnerconsent.admins lists it as a name too, which
        // grants nothing): refused at sign-in and on the route, both on the audit trail
        String rows = automation().get("/api/audit?kind=operator.refused&size=100&actor="
                + enc(Operators.label(Operators.ADMIN_BY_NAME, Operators.OPERATOR_TENANT))).body();
        assertTrue(rows.contains("signed in but holds no PartnerConsent role"), rows);
        assertTrue(rows.contains("operator-forbidden at " + route.at(healthy).toLowerCase(java.util.Locale.ROOT)), route + ": " + rows);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void bearerTokensWithoutTheRoleOrForAnotherAudienceAreRefused(Route route) throws Exception {
        String noRole = Operators.appToken(standIns(), Operators.UNPRIVILEGED_CLIENT_ID, Operators.UNPRIVILEGED_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        Answer a = OperatorApi.bearer(noRole).send(route.method(), route.at(healthy), Map.of("tenant", healthy), Map.of());
        // an app-only token without any role carries neither scp nor roles: not an access token for this API at all
        assertEquals(401, a.status(), route + ": " + a.body());
        assertTrue(a.body().contains("neither scp nor roles"), route + ": " + a.body());

        String graph = Operators.appToken(standIns(), Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET,
                Operators.OPERATOR_TENANT, "https://graph.microsoft.com/.default");
        Answer wrongAudience = OperatorApi.bearer(graph).send(route.method(), route.at(healthy), Map.of(), Map.of());
        assertEquals(401, wrongAudience.status(), route + ": " + wrongAudience.body());
        assertTrue(wrongAudience.header("WWW-Authenticate").orElse("").contains("invalid_token") || !route.api());

        String valid = Operators.appToken(standIns(), Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        assertEquals(401, OperatorApi.bearer(forged).send(route.method(), route.at(healthy), Map.of(), Map.of()).status());

        String otherTenant = Operators.appToken(standIns(), Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET,
                ItTenants.BRAVO, Operators.apiScope());
        Answer elsewhere = OperatorApi.bearer(otherTenant).send(route.method(), route.at(healthy), Map.of(), Map.of());
        assertEquals(403, elsewhere.status(), "a token from a tenant that is not an operator tenant, with the role its admin assigned");
        assertTrue(elsewhere.body().contains("holds no PartnerConsent role from an operator tenant"), elsewhere.body());
    }

    @ParameterizedTest
    @MethodSource("routes")
    void operatorsAreLetIn(Route route) throws Exception {
        // signed in by name, CSRF token from the page
        ConsentBrowser byName = Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        String csrf = csrf(byName);
        Answer a = OperatorApi.session(byName).send(route.method(), route.at(healthy),
                Map.of("tenant", healthy, "csrf", csrf, "scope", "https://graph.microsoft.com/.default", "operator", NOBODY),
                Map.of("X-CSRF-Token", csrf));
        assertLetIn(route, a);

        // automation with the app role in the operator tenant
        String token = Operators.appToken(standIns(), Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        if (route.api()) {
            assertLetIn(route, OperatorApi.bearer(token).send(route.method(), route.at(healthy),
                    Map.of("scope", "https://graph.microsoft.com/.default", "operator", NOBODY), Map.of()));
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void eachRouteAnswers403ToALesserRole(Route route) throws Exception {
        Map<OperatorRole, String[]> clients = Map.of(
                OperatorRole.READER, new String[]{Operators.READER_CLIENT_ID, Operators.READER_SECRET},
                OperatorRole.OPERATOR, new String[]{Operators.OPERATOR_CLIENT_ID, Operators.OPERATOR_SECRET},
                OperatorRole.TOKEN_ISSUER, new String[]{Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET});
        for (OperatorRole held : OperatorRole.values()) {
            if (!route.api()) {
                continue;
            }
            String token = Operators.appToken(standIns(), clients.get(held)[0], clients.get(held)[1],
                    Operators.OPERATOR_TENANT, Operators.apiScope());
            Answer a = OperatorApi.bearer(token).send(route.method(), route.at(healthy),
                    Map.of("scope", "https://graph.microsoft.com/.default", "operator", NOBODY), Map.of());
            assertRoleAnswer(route, held, a);
        }
        // a person holding PartnerConsent.Reader, through the pages and the API with the session
        ConsentBrowser reader = Operators.signedIn(Operators.READER, Operators.OPERATOR_TENANT);
        String csrf = csrf(reader);
        Answer a = OperatorApi.session(reader).send(route.method(), route.at(healthy),
                Map.of("tenant", healthy, "csrf", csrf, "scope", "https://graph.microsoft.com/.default", "operator", NOBODY),
                Map.of("X-CSRF-Token", csrf));
        assertRoleAnswer(route, OperatorRole.READER, a);
        if (!OperatorRole.READER.includes(route.needs())) {
            // the refusal is on the audit trail, naming the reader, the route and both roles (a reader minting a token too)
            String rows = automation().get("/api/audit?kind=operator.refused&size=20&actor="
                    + enc(Operators.label(Operators.READER, Operators.OPERATOR_TENANT))).body();
            assertTrue(rows.contains("operator-forbidden at " + route.at(healthy).toLowerCase(java.util.Locale.ROOT)
                    + " (holds PartnerConsent.Reader, needs " + route.needs().appRole() + ")"), route + ": " + rows);
        }
    }

    private static void assertRoleAnswer(Route route, OperatorRole held, Answer a) {
        if (held.includes(route.needs())) {
            assertLetIn(route, a);
            return;
        }
        assertEquals(403, a.status(), route + " as " + held + ": " + a.body());
        String code = route.api() ? json(a).getString("error") : ConsentBrowser.text(page(a), "error-code");
        assertEquals("operator-forbidden", code, a.body());
        String detail = route.api() ? json(a).getString("detail") : a.body();
        assertTrue(detail.contains("holds " + held.appRole()) && detail.contains("needs " + route.needs().appRole()),
                route + " as " + held + ": " + detail);
    }

    // ---------------------------------------------------------------- how operators sign in

    /** An operator sign-in carried through Entra to the callback's answer. */
    private static ConsentBrowser.Page operatorCallback(ConsentBrowser.Login login) throws Exception {
        ConsentBrowser b = new ConsentBrowser(appBaseUrl());
        ConsentBrowser.Page start = b.get(appBaseUrl() + "/operator/signin");
        return b.callback(b.signInAt(start.location().orElseThrow(), login));
    }

    @Test
    void operatorsSignInWithMfaAndFreshlyAsTheyAskEntraFor() throws Exception {
        ConsentBrowser b = new ConsentBrowser(appBaseUrl());
        String authorize = b.get(appBaseUrl() + "/operator/signin").location().orElseThrow();
        assertTrue(authorize.contains("max_age=43200"), "max_age of 12 hours is asked for: " + authorize);
        assertTrue(authorize.contains("User.Read"), "Graph's token carries the MFA evidence: " + authorize);

        ConsentBrowser.Page noMfa = operatorCallback(new ConsentBrowser.Login(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT, false));
        assertEquals(403, noMfa.status(), noMfa.body());
        assertEquals("operator-mfa-missing", ConsentBrowser.text(noMfa, "error-code"), noMfa.body());
        assertTrue(noMfa.response().headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("pc_operator=")
                && !c.startsWith("pc_operator=;")), "no session for a sign-in without MFA");
        String refusedRows = automation().get("/api/audit?kind=operator.refused&size=20&actor="
                + enc(Operators.label(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT))).body();
        assertTrue(refusedRows.contains("operator sign-in failed: operator-mfa-missing"), "audited by name: " + refusedRows);

        try (var ignored = standIns().entra().script(dev.partnerconsent.standin.entra.TamperRule.of(
                dev.partnerconsent.standin.entra.IdTokenTamper.STALE_AUTH_TIME).matching(
                dev.partnerconsent.standin.entra.Match.user(Operators.ADMIN_BY_NAME)))) {
            ConsentBrowser.Page stale = operatorCallback(new ConsentBrowser.Login(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT, true));
            assertEquals(401, stale.status(), stale.body());
            assertEquals("operator-auth-stale", ConsentBrowser.text(stale, "error-code"));
            assertTrue(ConsentBrowser.text(stale, "error-detail").contains("longer ago than partnerconsent.operator.max-age (PT12H)"),
                    stale.body());
        }
        try (var ignored = standIns().entra().script(dev.partnerconsent.standin.entra.TamperRule.of(
                dev.partnerconsent.standin.entra.IdTokenTamper.MISSING_AUTH_TIME).matching(
                dev.partnerconsent.standin.entra.Match.user(Operators.ADMIN_BY_NAME)))) {
            ConsentBrowser.Page missing = operatorCallback(new ConsentBrowser.Login(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT, true));
            assertEquals("operator-auth-stale", ConsentBrowser.text(missing, "error-code"), missing.body());
            assertTrue(ConsentBrowser.text(missing, "error-detail").contains("no auth_time"), missing.body());
        }
        // the same sign-in, fresh and with MFA, is let in
        assertEquals(200, Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT)
                .get(appBaseUrl() + "/admin/consents.xhtml").status());
    }

    @Test
    void anErrorAtTheOperatorCallbackIsBelievedOnlyWithThisBrowsersState() throws Exception {
        ConsentBrowser b = new ConsentBrowser(appBaseUrl());
        ConsentBrowser.Page planted = b.get(appBaseUrl() + "/operator/callback?error=access_denied&state=not-ours"
                + "&error_description=" + URLEncoder.encode("AADSTS50105: Call +1-555-0100 to restore access", StandardCharsets.UTF_8));
        assertEquals("unexpected-sign-in-response", ConsentBrowser.text(planted, "error-code"), planted.body());
        assertFalse(planted.body().contains("555-0100"), "no attacker text on our origin");

        // Entra's own error for a sign-in this browser started is shown
        String authorize = b.get(appBaseUrl() + "/operator/signin").location().orElseThrow();
        String state = java.net.URI.create(authorize).getRawQuery().replaceAll(".*(?:^|&)state=([^&]+).*", "$1");
        ConsentBrowser.Page entra = b.get(appBaseUrl() + "/operator/callback?error=access_denied&state=" + state
                + "&error_description=" + URLEncoder.encode("AADSTS50105: The signed in user is not assigned to a role", StandardCharsets.UTF_8));
        assertEquals("AADSTS50105", ConsentBrowser.text(entra, "error-code"), entra.body());
    }

    @Test
    void setupFindingsAreForOperatorsStrangersGetTheVerdict() throws Exception {
        String warning = "'" + Operators.ADMIN_BY_NAME + "' is not a <tenant id>:<object id> pair";
        ConsentBrowser stranger = new ConsentBrowser(appBaseUrl());
        String publicPage = ConsentBrowser.unescape(stranger.get(appBaseUrl() + "/setup.xhtml").body());
        assertTrue(publicPage.contains("partnerconsent.admins"), publicPage);
        assertFalse(publicPage.contains(Operators.ADMIN_BY_NAME), "no configured value for strangers: " + publicPage);
        String ready = stranger.get(appBaseUrl() + "/health/ready").body();
        assertTrue(ready.matches("(?s).*\"warnings\"\\s*:\\s*\"?[1-9].*"), ready);
        assertFalse(ready.contains(Operators.ADMIN_BY_NAME) || ready.contains("partnerconsent.admins"), ready);

        ConsentBrowser reader = Operators.signedIn(Operators.READER, Operators.OPERATOR_TENANT);
        String adminPage = ConsentBrowser.unescape(reader.get(appBaseUrl() + "/admin/setup.xhtml").body());
        assertTrue(adminPage.contains(warning), adminPage);
        assertTrue(adminPage.contains("List each operator as <tenant id>:<object id>"), "the fix: " + adminPage);

        Answer api = OperatorApi.bearer(Operators.appToken(standIns(), Operators.READER_CLIENT_ID, Operators.READER_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope())).get("/api/setup");
        assertEquals(200, api.status(), api.body());
        assertTrue(json(api).getBoolean("ready"), api.body());
        assertTrue(json(api).getJsonArray("problems").stream().map(JsonValue::asJsonObject)
                .anyMatch(p -> p.getString("key").equals("partnerconsent.admins") && p.getString("problem").contains(warning)
                        && !p.getBoolean("blocking")), api.body());
    }

    @Test
    void bearerTokensMustBeAccessTokensForThisApiEachRefusalNamed() throws Exception {
        var entra = standIns().entra();
        java.time.Instant now = java.time.Instant.now();
        java.util.function.Function<java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder>, String> mint = change -> {
            com.nimbusds.jwt.JWTClaimsSet.Builder b = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                    .issuer(entra.issuer(Operators.OPERATOR_TENANT))
                    .audience(dev.partnerconsent.standin.StandIns.APP_CLIENT_ID)
                    .claim("tid", Operators.OPERATOR_TENANT)
                    .claim("azp", Operators.AUTOMATION_CLIENT_ID)
                    .claim("oid", UUID.randomUUID().toString())
                    .claim("roles", List.of("PartnerConsent.TokenIssuer"))
                    .issueTime(java.util.Date.from(now.minusSeconds(60)))
                    .notBeforeTime(java.util.Date.from(now.minusSeconds(60)))
                    .expirationTime(java.util.Date.from(now.plusSeconds(3600)));
            return entra.signWithCurrentKey(change.apply(b).build());
        };
        // the well-formed token is let in, so each refusal below is its one changed claim's
        assertEquals(200, OperatorApi.bearer(mint.apply(b -> b)).get("/api/consents").status());

        Map<String, java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder>> invalid = new java.util.LinkedHashMap<>();
        invalid.put("issuer is https://login.example/", b -> b.issuer("https://login.example/"));
        invalid.put("expired at", b -> b.expirationTime(java.util.Date.from(now.minusSeconds(600))));
        invalid.put("is not valid before", b -> b.notBeforeTime(java.util.Date.from(now.plusSeconds(900))));
        invalid.put("issued in the future", b -> b.issueTime(java.util.Date.from(now.plusSeconds(900))));
        invalid.put("carries no tenant id (tid)", b -> b.claim("tid", null));
        // an ID token of a sign-in to this app has the same audience, and carries a nonce
        String idTokenUser = "id.token.holder@contosopartner.onmicrosoft.com";
        String idTokenOid = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
        invalid.put("carries a nonce: it is an ID token", b -> b.claim("nonce", "n-1").claim("preferred_username", idTokenUser)
                .claim("oid", idTokenOid));
        invalid.put("names no client (azp or appid", b -> b.claim("azp", null));
        invalid.put("neither scp nor roles", b -> b.claim("roles", null));
        invalid.put("was issued for audience", b -> b.audience("https://graph.microsoft.com"));
        for (var e : invalid.entrySet()) {
            Answer a = OperatorApi.bearer(mint.apply(e.getValue())).get("/api/consents");
            assertEquals(401, a.status(), e.getKey() + ": " + a.body());
            assertEquals("operator-token-invalid", json(a).getString("error"), a.body());
            assertTrue(json(a).getString("detail").contains(e.getKey()), e.getKey() + " -> " + json(a).getString("detail"));
        }
        // Entra signed the ID token, so it names who sent it: the refusal is on the audit trail under that name
        String idTokenRows = automation().get("/api/audit?kind=operator.refused&actor="
                + enc(idTokenUser + " (" + idTokenOid + ", tenant " + Operators.OPERATOR_TENANT + ")")).body();
        assertTrue(idTokenRows.contains("operator-token-invalid (bearer token): The bearer token carries a nonce: it is an ID token"),
                idTokenRows);
        Answer basic = OperatorApi.anonymous().send("GET", "/api/consents", Map.of(),
                Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:pw".getBytes(StandardCharsets.UTF_8))));
        assertEquals(401, basic.status(), basic.body());
        assertEquals("operator-token-invalid", json(basic).getString("error"));
        assertTrue(json(basic).getString("detail").contains("is not 'Bearer"), json(basic).getString("detail"));

        // valid, but from a tenant that is not an operator tenant: its admin could have assigned the role
        Answer elsewhere = OperatorApi.bearer(mint.apply(b -> b.issuer(entra.issuer(ItTenants.BRAVO)).claim("tid", ItTenants.BRAVO)))
                .get("/api/consents");
        assertEquals(403, elsewhere.status(), elsewhere.body());
        assertEquals("operator-forbidden", json(elsewhere).getString("error"));
        assertTrue(json(elsewhere).getString("detail").contains("from an operator tenant"), elsewhere.body());
        // valid, but the retired single role grants nothing
        Answer retired = OperatorApi.bearer(mint.apply(b -> b.claim("roles", List.of("PartnerConsent.Admin")))).get("/api/consents");
        assertEquals(403, retired.status(), retired.body());
        // valid, but issued to a client outside partnerconsent.api.allowed-clients
        Answer stranger = OperatorApi.bearer(mint.apply(b -> b.claim("azp", UUID.randomUUID().toString()))).get("/api/consents");
        assertEquals(403, stranger.status(), stranger.body());
        assertTrue(json(stranger).getString("detail").contains("partnerconsent.api.allowed-clients"), stranger.body());
    }

    @Test
    void accessTokensOnlyForListedResourcesAndWithinAClientsBinding() throws Exception {
        VaultCount before = VaultCount.of(healthy);
        Answer azure = automation().post("/api/consents/" + healthy + "/access-token",
                Map.of("scope", "https://management.azure.com/.default"));
        assertEquals(403, azure.status(), azure.body());
        assertEquals("token-use-not-allowed", json(azure).getString("error"));
        assertTrue(json(azure).getString("detail").contains("https://management.azure.com"), azure.body());

        OperatorApi bound = OperatorApi.bearer(Operators.appToken(standIns(), Operators.BOUND_CLIENT_ID, Operators.BOUND_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope()));
        Answer partnerCenter = bound.post("/api/consents/" + healthy + "/access-token",
                Map.of("scope", "https://api.partnercenter.microsoft.com/.default"));
        assertEquals(403, partnerCenter.status(), partnerCenter.body());
        assertTrue(json(partnerCenter).getString("detail").contains("may obtain tokens only for [https://graph.microsoft.com]"),
                partnerCenter.body());
        Answer otherTenant = bound.post("/api/consents/" + healthy + "/access-token",
                Map.of("scope", "https://graph.microsoft.com/.default"));
        assertEquals(403, otherTenant.status(), otherTenant.body());
        assertTrue(json(otherTenant).getString("detail").contains("may not use the consent of tenant " + healthy), otherTenant.body());
        assertEquals(before, VaultCount.of(healthy), "no refusal redeemed or stored anything");
        String refusals = automation().get("/api/audit?tenant=" + healthy + "&kind=access.token-refused").body();
        assertTrue(refusals.contains("resource=https://management.azure.com outcome=token-use-not-allowed"), refusals);
        assertTrue(refusals.contains("client " + Operators.BOUND_CLIENT_ID)
                && refusals.contains("resource=https://api.partnercenter.microsoft.com outcome=token-use-not-allowed")
                && refusals.contains("resource=https://graph.microsoft.com outcome=token-use-not-allowed"),
                "the refusals are on the audit trail: " + refusals);
    }

    /** How many versions the tenant's secret has: a redemption that rotated would add one. */
    private record VaultCount(int versions) {
        static VaultCount of(String tenant) {
            return new VaultCount(standIns().vault().secret(tenant).map(s -> s.values().size()).orElse(0));
        }
    }

    private static void assertLetIn(Route route, Answer a) {
        assertNotEquals(401, a.status(), route + ": " + a.body());
        assertNotEquals(403, a.status(), route + ": " + a.body());
        assertFalse(a.header("Location").orElse("").contains("/operator/signin"), route + " sent to sign in");
        if (route.path().equals("/api/nothing-here")) {
            assertEquals(404, a.status(), route + ": " + a.body());
        } else {
            assertTrue(a.status() < 400 || a.status() == 409, route + ": " + a.status() + " " + a.body());
        }
    }

    @Test
    void anOperatorByAppRoleSeesTheInventory() throws Exception {
        ConsentBrowser b = Operators.signedIn(Operators.ADMIN_BY_ROLE, Operators.OPERATOR_TENANT);
        ConsentBrowser.Page page = b.get(appBaseUrl() + "/admin/consents.xhtml");
        assertEquals(200, page.status(), page.body());
        assertEquals(Operators.ADMIN_BY_ROLE, ConsentBrowser.text(page, "operator"));
        assertEquals("PartnerConsent.TokenIssuer", ConsentBrowser.text(page, "role"));
        assertTrue(page.body().contains("id=\"refresh-all\""), "an operator gets the buttons");
        ConsentBrowser.Page readers = Operators.signedIn(Operators.READER, Operators.OPERATOR_TENANT)
                .get(appBaseUrl() + "/admin/consents.xhtml");
        assertEquals("PartnerConsent.Reader", ConsentBrowser.text(readers, "role"));
        assertFalse(readers.body().contains("id=\"refresh-all\"") || readers.body().contains("/admin/actions/"),
                "a reader is not offered actions that would answer 403");
        // other tests of this class store consents too: the seeded tenant may be on a later page
        Pattern next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");
        for (int pages = 1; !page.body().contains("id=\"consent-" + healthy + "\""); pages++) {
            Matcher m = next.matcher(page.body());
            assertTrue(m.find() && pages < 100, "tenant " + healthy + " not listed on any page");
            page = b.get(appBaseUrl() + "/admin/" + ConsentBrowser.unescape(m.group(1)));
            assertEquals(200, page.status(), page.body());
        }
        assertTrue(page.body().contains("<table"), "the inventory table");
    }

    @Test
    void postsWithTheSessionButWithoutItsCsrfTokenAreRefused() throws Exception {
        ConsentBrowser b = Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        String before = standIns().vault().secret(healthy).orElseThrow().latest().version();
        Answer page = OperatorApi.session(b).post("/admin/actions/refresh", Map.of("tenant", healthy));
        assertEquals(403, page.status(), page.body());
        assertEquals("csrf-invalid", ConsentBrowser.text(page(page), "error-code"));
        Answer api = OperatorApi.session(b).send("POST", "/api/consents/" + healthy + "/refresh", Map.of(),
                Map.of("X-CSRF-Token", "not-the-token"));
        assertEquals(403, api.status());
        assertEquals("csrf-invalid", json(api).getString("error"));
        assertEquals(before, standIns().vault().secret(healthy).orElseThrow().latest().version(), "nothing was refreshed");
    }

    @Test
    void theSignInNeverRedirectsOffSite() throws Exception {
        ConsentBrowser b = new ConsentBrowser(appBaseUrl());
        ConsentBrowser.Page start = b.get(appBaseUrl() + "/operator/signin?return=" + URLEncoder.encode("https://evil.example/admin",
                StandardCharsets.UTF_8));
        ConsentBrowser.Page back = b.callback(b.signInAt(start.location().orElseThrow(),
                new ConsentBrowser.Login(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT, true)));
        assertEquals("/admin/", java.net.URI.create(back.location().orElseThrow()).getPath(), "the dashboard, not elsewhere");
        assertFalse(back.location().orElseThrow().contains("evil"));
    }

    // ---------------------------------------------------------------- sessions that can be ended

    @Test
    void aCopiedSessionCookieDiesWithTheSignOut() throws Exception {
        String user = "copied.cookie@contosopartner.onmicrosoft.com";
        standIns().entra().assignAppRole(Operators.OPERATOR_TENANT, user, "PartnerConsent.Reader");
        ConsentBrowser b = Operators.signedIn(user, Operators.OPERATOR_TENANT);
        ConsentBrowser stolenForTheApi = Operators.copyOf(b, appBaseUrl());
        ConsentBrowser stolenForThePages = Operators.copyOf(b, appBaseUrl());
        assertEquals(200, OperatorApi.session(stolenForTheApi).get("/api/consents").status(), "a copy works while the session lives");

        ConsentBrowser.Page out = b.post(appBaseUrl() + "/operator/signout", Map.of("csrf", csrf(b)));
        assertEquals(302, out.status() == 303 ? 302 : out.status(), out.body());
        assertTrue(out.response().headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(dev.partnerconsent.operator.OperatorSession.COOKIE + "=") && c.contains("Max-Age=0")),
                "the signing-out browser is told to drop the cookie: " + out.response().headers().map());

        Answer api = OperatorApi.session(stolenForTheApi).get("/api/consents");
        assertEquals(401, api.status(), api.body());
        assertEquals("operator-session-ended", json(api).getString("error"), api.body());
        assertTrue(json(api).getString("detail").contains("(signed out)"), api.body());
        assertFalse(json(api).getString("fix").isBlank());
        assertTrue(api.response().headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("Max-Age=0")),
                "the ended session's cookie is dropped: " + api.response().headers().map());
        Answer page = OperatorApi.session(stolenForThePages).get("/admin/consents.xhtml");
        assertEquals(401, page.status(), page.body());
        assertEquals("operator-session-ended", ConsentBrowser.text(page(page), "error-code"), page.body());

        String actor = enc(Operators.label(user, Operators.OPERATOR_TENANT));
        String signedOut = automation().get("/api/audit?kind=operator.signed-out&actor=" + actor).body();
        assertTrue(signedOut.contains("signed out; the session is ended on every node"), signedOut);
        String refused = automation().get("/api/audit?kind=operator.refused&actor=" + actor).body();
        assertTrue(refused.contains("operator-session-ended at /api/consents (it was ended at ")
                && refused.contains("operator-session-ended at /admin/consents.xhtml"), refused);
    }

    @Test
    void anOperatorRevokesEverySessionOfAPersonAtOnce() throws Exception {
        String user = "revoked.reader@contosopartner.onmicrosoft.com";
        standIns().entra().assignAppRole(Operators.OPERATOR_TENANT, user, "PartnerConsent.Reader");
        String key = Operators.sessionKey(user, Operators.OPERATOR_TENANT);
        ConsentBrowser first = Operators.signedIn(user, Operators.OPERATOR_TENANT);
        ConsentBrowser second = Operators.signedIn(user, Operators.OPERATOR_TENANT);

        // a reader sees the sessions but may not revoke them
        Answer byReader = OperatorApi.session(first).send("POST", "/api/sessions/revoke", Map.of("operator", key),
                Map.of("X-CSRF-Token", csrf(first)));
        assertEquals(403, byReader.status(), byReader.body());
        assertEquals("operator-forbidden", json(byReader).getString("error"));
        JsonObject listed = json(OperatorApi.session(first).get("/api/sessions"));
        assertEquals(2, listed.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("operator").equals(key)).count(), listed.toString());
        assertTrue(listed.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("operator").equals(key))
                .allMatch(i -> i.getString("role").equals("PartnerConsent.Reader") && i.containsKey("since")
                        && i.containsKey("lastUsed")), listed.toString());

        ConsentBrowser admin = Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        ConsentBrowser.Page sessions = admin.get(appBaseUrl() + "/admin/sessions.xhtml");
        assertEquals(200, sessions.status(), sessions.body());
        String rowId = "session-" + key.replace(':', '-');
        assertTrue(sessions.body().contains("id=\"" + rowId + "\""), sessions.body());
        assertTrue(sessions.body().contains("/admin/sessions/revoke"), "an operator is offered the revocation");
        Answer done = OperatorApi.session(admin).post("/admin/sessions/revoke", Map.of("operator", key, "csrf", csrf(admin)));
        assertEquals(302, done.status() == 303 ? 302 : done.status(), done.body());
        ConsentBrowser.Page after = admin.get(done.header("Location").orElseThrow());
        assertEquals("revoked", ConsentBrowser.text(after, "notice-code"), after.body());
        assertTrue(after.body().contains("2 session(s) ended on every node"), after.body());
        assertFalse(after.body().contains("id=\"" + rowId + "\""), "no longer listed: " + after.body());

        for (ConsentBrowser revoked : List.of(first, second)) {
            Answer a = OperatorApi.session(revoked).get("/api/consents");
            assertEquals(401, a.status(), a.body());
            assertEquals("operator-session-ended", json(a).getString("error"));
            assertTrue(json(a).getString("detail").contains("revoked by an operator"), a.body());
        }
        assertEquals(200, admin.get(appBaseUrl() + "/admin/consents.xhtml").status(), "the revoker's own session goes on");

        JsonObject row = json(automation().get("/api/audit?kind=session.revoked&actor="
                + enc(Operators.label(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT)))).getJsonArray("items").getJsonObject(0);
        assertEquals(key, row.getString("subject"), row.toString());
        assertEquals("revoked 2 session(s) of " + key, row.getString("detail"));
        String refusals = automation().get("/api/audit?kind=operator.refused&actor=" + enc(Operators.label(user, Operators.OPERATOR_TENANT))).body();
        assertTrue(refusals.contains("operator-session-ended at /api/consents"), refusals);

        // automation revokes through the API with a JSON body; a malformed name is a clear 400
        ConsentBrowser third = Operators.signedIn(user, Operators.OPERATOR_TENANT);
        String token = Operators.appToken(standIns(), Operators.OPERATOR_CLIENT_ID, Operators.OPERATOR_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        java.net.http.HttpResponse<String> viaJson = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(appBaseUrl() + "/api/sessions/revoke"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"operator\":\"" + key.toUpperCase(java.util.Locale.ROOT) + "\"}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaJson.statusCode(), viaJson.body());
        assertTrue(viaJson.body().replace(" ", "").contains("\"revoked\":1"), viaJson.body());
        assertEquals(401, OperatorApi.session(third).get("/api/consents").status());
        Answer malformed = OperatorApi.bearer(token).post("/api/sessions/revoke", Map.of("operator", user));
        assertEquals(400, malformed.status(), malformed.body());
        assertTrue(json(malformed).getString("detail").contains("<tenant id>:<object id>"), malformed.body());
        String byApp = automation().get("/api/audit?kind=session.revoked&size=50").body();
        assertTrue(byApp.contains("app " + Operators.OPERATOR_CLIENT_ID) && byApp.contains("revoked 1 session(s) of " + key), byApp);
    }

    // ---------------------------------------------------------------- inventory and keep-alive through the API

    @Test
    void keepAliveOverManyTenantsThroughTheApi() throws Exception {
        List<String> tenants = seed(30);
        Map<String, String> seeded = new java.util.HashMap<>();
        for (String tenant : tenants) {
            seeded.put(tenant, standIns().vault().secret(tenant).orElseThrow().latest().version());
        }
        String revoked = tenants.get(7);
        standIns().entra().revokeRefreshTokens(revoked, null);
        OperatorApi api = OperatorApi.bearer(Operators.appToken(standIns(), Operators.AUTOMATION_CLIENT_ID,
                Operators.AUTOMATION_SECRET, Operators.OPERATOR_TENANT, Operators.apiScope()));

        KeepAliveRuns.awaitIdle(api);
        Answer started = api.post("/api/consents/refresh", Map.of());
        assertEquals(202, started.status(), started.body());
        String runId = json(started).getString("id");
        Answer second = api.post("/api/consents/refresh", Map.of());
        assertEquals(409, second.status(), "runs never overlap: " + second.body());
        assertEquals("keepalive-busy", json(second).getString("error"));
        assertEquals(409, api.post("/api/consents/" + healthy + "/refresh", Map.of()).status());

        JsonObject run = KeepAliveRuns.awaitEnd(api, runId);
        assertTrue(run.getInt("refreshed") >= 30, run.toString());
        // the run history keeps every outcome, failed ones listed on their own
        JsonObject failed = json(api.get("/api/runs/" + runId + "/outcomes?outcome=failed&size=500"));
        assertEquals(run.getInt("failed"), failed.getInt("total"), failed.toString());
        assertTrue(failed.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .anyMatch(o -> o.getString("tenantId").equals(revoked) && o.getString("code").equals("AADSTS50173")), failed.toString());
        assertEquals(run.getInt("consents"), json(api.get("/api/runs/" + runId + "/outcomes")).getInt("total"));
        assertTrue(json(api.get("/api/runs")).getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .anyMatch(r -> r.getString("id").equals(runId) && r.containsKey("endedAt")));
        assertEquals(404, api.get("/api/runs/no-such-run/outcomes").status());
        assertTrue(run.getInt("needsReconsent") >= 1, run.toString());
        // the report lists at most MAX_LISTED_FAILURES failures, in no fixed order: which tenant failed how is
        // proven below from its secret and the inventory; the list only has to be as long as it can be
        var failures = run.getJsonArray("failures");
        assertEquals(Math.min(run.getInt("failed") + run.getInt("skipped"), KeepAlive.MAX_LISTED_FAILURES), failures.size(),
                run.toString());
        assertTrue(failures.stream().map(JsonValue::asJsonObject).noneMatch(f -> f.getString("outcome").equals("ok")),
                run.toString());
        assertTrue(run.getJsonObject("metrics").getJsonNumber("failed.AADSTS50173").longValue() >= 1, run.toString());
        assertTrue(run.getJsonNumber("keyVaultOpsPerSecond").doubleValue()
                <= run.getJsonNumber("keyVaultOpsPerSecondLimit").doubleValue() * 1.05, run.toString());

        for (String tenant : tenants) {
            StoredSecret secret = standIns().vault().secret(tenant).orElseThrow();
            if (tenant.equals(revoked)) {
                assertEquals("AADSTS50173", secret.latest().tags().get("lastRefreshOutcome"));
                assertEquals("true", secret.latest().tags().get("needsReconsent"));
                assertEquals(1, secret.versions().size());
                continue;
            }
            // all of these would hold after seeding alone: the run must have written a new version and disabled the seeded one
            assertNotEquals(seeded.get(tenant), secret.latest().version(), "keep-alive wrote a new version for " + tenant);
            assertFalse(secret.versions().stream().filter(v -> v.version().equals(seeded.get(tenant))).findFirst()
                    .orElseThrow().enabled(), "the seeded version is disabled");
            assertEquals(standIns().entra().lastRefreshToken(tenant).orElseThrow(), secret.latest().value());
            assertEquals(List.of(secret.latest().version()), secret.versions().stream().filter(SecretVersion::enabled)
                    .map(SecretVersion::version).toList());
            assertEquals("ok", secret.latest().tags().get("lastRefreshOutcome"));
        }

        // the inventory, page by page, shows all of them with their outcome
        Set<String> listed = new HashSet<>();
        JsonObject revokedEntry = null;
        String cursor = null;
        int pages = 0;
        do {
            Answer a = api.get("/api/consents" + (cursor == null ? "" : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, a.status(), a.body());
            JsonObject page = json(a);
            for (JsonValue v : page.getJsonArray("consents")) {
                JsonObject e = v.asJsonObject();
                listed.add(e.getString("tenantId"));
                if (e.getString("tenantId").equals(revoked)) {
                    revokedEntry = e;
                }
            }
            cursor = page.isNull("next") ? null : page.getString("next");
            pages++;
        } while (cursor != null);
        assertTrue(listed.containsAll(tenants));
        assertTrue(pages >= 2, "31+ consents come in pages of 25");
        assertEquals("AADSTS50173", revokedEntry.getString("lastRefreshOutcome"));
        assertTrue(revokedEntry.getBoolean("needsReconsent"));
        assertTrue(revokedEntry.getBoolean("warning"));
        assertEquals("needs-reconsent", revokedEntry.getString("health"));
        assertEquals("AADSTS50173", revokedEntry.getString("healthCause"));
        assertTrue(java.time.Instant.parse(revokedEntry.getString("reconsentBy")).isBefore(java.time.Instant.now()),
                revokedEntry.toString());
        assertFalse(revokedEntry.getString("lastRefreshOutcomeMeaning").isBlank());
        assertTrue(revokedEntry.getString("reconsentLink").startsWith("/consent/start?domain_hint=" + revoked));
        assertEquals(400, api.get("/api/consents?cursor=bm90LWEtY3Vyc29y").status(), "a forged cursor is refused");
    }

    @Test
    void theInventoryPageRefreshesOneTenant() throws Exception {
        ConsentBrowser b = Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        KeepAliveRuns.awaitIdle(OperatorApi.session(b));
        String before = standIns().vault().secret(healthy).orElseThrow().latest().version();
        Answer done = OperatorApi.session(b).post("/admin/actions/refresh", Map.of("tenant", healthy, "csrf", csrf(b)));
        assertEquals(302, done.status() == 303 ? 302 : done.status(), done.body());
        ConsentBrowser.Page page = b.get(done.header("Location").orElseThrow());
        assertEquals("refreshed", ConsentBrowser.text(page, "notice-code"), page.body());
        SecretVersion latest = standIns().vault().secret(healthy).orElseThrow().latest();
        assertNotEquals(before, latest.version());
        assertEquals(standIns().entra().lastRefreshToken(healthy).orElseThrow(), latest.value());
        assertFalse(page.body().contains(latest.value()), "the page never shows a token");
    }

    // ---------------------------------------------------------------- access check and token use

    @Test
    void accessChecksThroughTheApiExplainEachOutcome() throws Exception {
        String ok = seed(1).get(0);
        String noMfa = seed(1, false).get(0);
        String revoked = seed(1).get(0);
        standIns().entra().revokeRefreshTokens(revoked, null);
        OperatorApi api = automation();
        String seededOk = standIns().vault().secret(ok).orElseThrow().latest().version();

        JsonObject healthyCheck = json(api.post("/api/consents/" + ok + "/check", Map.of()));
        assertTrue(healthyCheck.getBoolean("ok"), healthyCheck.toString());
        assertNotEquals(seededOk, standIns().vault().secret(ok).orElseThrow().latest().version(), "the check stored a new version");
        assertEquals(standIns().entra().lastRefreshToken(ok).orElseThrow(),
                standIns().vault().secret(ok).orElseThrow().latest().value(), "the rotated token was written back");
        assertTrue(standIns().apis().calls().stream().anyMatch(c -> c.tenantId().equals(ok) && c.api().equals("partner-center")
                && c.status() == 200 && c.amr().contains("mfa")));

        JsonObject mfaCheck = json(api.post("/api/consents/" + noMfa + "/check", Map.of()));
        assertFalse(mfaCheck.getBoolean("ok"));
        JsonObject pc = mfaCheck.getJsonArray("checks").getJsonObject(0);
        assertEquals("AADSTS900421", pc.getString("outcome"), pc.toString());
        assertFalse(pc.getBoolean("mfa"));
        assertTrue(pc.getString("fix").contains("MFA"), pc.toString());
        assertTrue(mfaCheck.getJsonArray("checks").getJsonObject(1).getBoolean("ok"), "Graph answers without MFA");

        JsonObject deadCheck = json(api.post("/api/consents/" + revoked + "/check", Map.of()));
        assertEquals("AADSTS50173", deadCheck.getJsonArray("checks").getJsonObject(0).getString("outcome"));
        assertFalse(deadCheck.getJsonArray("checks").getJsonObject(0).getString("fix").isBlank());
        assertEquals("true", standIns().vault().secret(revoked).orElseThrow().latest().tags().get("needsReconsent"));

        // the same check from the page's button
        ConsentBrowser b = Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        Answer page = OperatorApi.session(b).post("/admin/actions/check", Map.of("tenant", noMfa, "csrf", csrf(b)));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("AADSTS900421"), page.body());
        assertTrue(page.body().contains("/consent/start?domain_hint=" + noMfa), "offers the re-consent link");
    }

    @Test
    void tokenUseHandsOutAnAccessTokenAndWritesBackTheRotatedRefreshToken() throws Exception {
        String tenant = seed(1).get(0);
        String stored = standIns().vault().secret(tenant).orElseThrow().latest().version();
        OperatorApi api = automation();
        Answer a = api.post("/api/consents/" + tenant + "/access-token",
                Map.of("scope", "https://api.partnercenter.microsoft.com/.default"));
        assertEquals(200, a.status(), "token use answered " + a.status());
        assertEquals("no-store", a.header("Cache-Control").orElse(""));
        JsonObject token = json(a);
        assertTrue(token.getJsonNumber("expires_in").longValue() > 600);
        assertEquals("Bearer", token.getString("token_type"));
        String accessToken = token.getString("access_token");
        assertTrue(standIns().entra().issuedSecrets().contains(accessToken), "a token the IdP issued");
        var claims = com.nimbusds.jwt.SignedJWT.parse(accessToken).getJWTClaimsSet();
        assertEquals(List.of("https://api.partnercenter.microsoft.com"), claims.getAudience());
        assertEquals(tenant, claims.getStringClaim("tid"));
        SecretVersion latest = standIns().vault().secret(tenant).orElseThrow().latest();
        assertNotEquals(stored, latest.version());
        assertEquals(standIns().entra().lastRefreshToken(tenant).orElseThrow(), latest.value());

        Answer badScope = api.post("/api/consents/" + tenant + "/access-token", Map.of("scope", "openid"));
        assertEquals(400, badScope.status());
        assertEquals("scope-invalid", json(badScope).getString("error"));
        standIns().entra().revokeRefreshTokens(tenant, null);
        Answer revoked = api.post("/api/consents/" + tenant + "/access-token", Map.of("scope", "https://graph.microsoft.com/.default"));
        assertEquals(502, revoked.status(), revoked.body());
        assertEquals("AADSTS50173", json(revoked).getString("error"));
        assertFalse(json(revoked).getString("fix").isBlank());
        Answer unknown = api.post("/api/consents/" + UUID.randomUUID() + "/access-token",
                Map.of("scope", "https://graph.microsoft.com/.default"));
        assertEquals(404, unknown.status());
        assertEquals("consent-not-found", json(unknown).getString("error"));

        // audited on the audit trail, without the token
        Answer issuedRows = api.get("/api/audit?tenant=" + tenant + "&kind=access.token-issued");
        assertEquals(200, issuedRows.status(), issuedRows.body());
        JsonObject issuedRow = json(issuedRows).getJsonArray("items").getJsonObject(0);
        assertTrue(issuedRow.getString("actor").startsWith("app " + Operators.AUTOMATION_CLIENT_ID), issuedRow.toString());
        assertTrue(issuedRow.getString("detail").contains("scope=https://api.partnercenter.microsoft.com/.default"));
        String refusedRows = api.get("/api/audit?tenant=" + tenant + "&kind=access.token-refused").body();
        assertTrue(refusedRows.contains("outcome=AADSTS50173") && refusedRows.contains("outcome=scope-invalid"), refusedRows);
        assertFalse(issuedRows.body().contains(accessToken) || refusedRows.contains(accessToken));
        assertTrue(json(api.get("/api/audit/verify")).getBoolean("intact"));
    }

    // ---------------------------------------------------------------- audit trail and run history pages

    @Test
    void aConsentIsAuditedAndTheTrailCanBeFilteredExportedAndVerified() throws Exception {
        String tenant = ItTenants.CHARLIE;
        ConsentBrowser.Page done = new ConsentBrowser(appBaseUrl()).consent(
                new ConsentBrowser.Login("admin@charlie.example", tenant, true));
        assertEquals(200, done.status(), done.body());
        OperatorApi api = automation();
        JsonObject stored = json(api.get("/api/audit?tenant=" + tenant + "&kind=consent.stored&size=1"))
                .getJsonArray("items").getJsonObject(0);
        assertTrue(stored.getString("actor").startsWith("admin@charlie.example"), stored.toString());
        assertEquals("version " + ConsentBrowser.text(done, "secret-version"), stored.getString("subject"));

        Answer csv = api.get("/api/audit/export?tenant=" + tenant);
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.header("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("seq,at,kind,actor,tenantId,subject,detail,prevHash,hash\r\n"), csv.body());
        assertTrue(csv.body().contains("\"consent.stored\""), csv.body());
        Answer badTime = api.get("/api/audit?from=yesterday");
        assertEquals(400, badTime.status());
        assertFalse(json(badTime).getString("fix").isBlank());

        ConsentBrowser b = Operators.signedIn(Operators.ADMIN_BY_NAME, ItTenants.BRAVO);
        ConsentBrowser.Page page = b.get(appBaseUrl() + "/admin/audit.xhtml?kind=consent.stored&tenant=" + tenant);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("id=\"audit-" + stored.getJsonNumber("seq").longValue() + "\""), page.body());
        assertTrue(page.body().contains("<option value=\"consent.stored\" selected=\"selected\">"), "the filter stays chosen");
        ConsentBrowser.Page signIns = b.get(appBaseUrl() + "/admin/audit.xhtml?kind=operator.signed-in");
        assertTrue(signIns.body().contains(Operators.ADMIN_BY_NAME), "the operator's sign-in is on the trail");
        ConsentBrowser.Page runs = b.get(appBaseUrl() + "/admin/runs.xhtml");
        assertEquals(200, runs.status(), runs.body());
        assertTrue(runs.body().contains("id=\"runs\""), runs.body());

        JsonObject verified = json(api.get("/api/audit/verify"));
        assertTrue(verified.getBoolean("intact"), verified.toString());
        assertTrue(verified.getJsonNumber("checkedRows").longValue() >= 2, verified.toString());
    }

    private static OperatorApi automation() throws Exception {
        return OperatorApi.bearer(Operators.appToken(standIns(), Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope()));
    }

    @AfterAll
    static void nothingSecretReachedTheLogs() throws Exception {
        Set<String> secrets = LeakCheck.secretsOfTheRun(standIns());
        secrets.add(Operators.AUTOMATION_SECRET);
        secrets.add(Operators.UNPRIVILEGED_SECRET);
        secrets.addAll(List.of(Operators.READER_SECRET, Operators.OPERATOR_SECRET, Operators.BOUND_SECRET));
        LeakCheck.assertNoLeaks(secrets, LeakCheck.capturedLogs());
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> seed(int count) throws Exception {
        return SeededConsents.seed(count);
    }

    private static List<String> seed(int count, boolean mfa) throws Exception {
        return SeededConsents.seed(count, mfa);
    }

    private static JsonObject json(Answer a) {
        return a.json();
    }

    private static String csrf(ConsentBrowser b) throws Exception {
        ConsentBrowser.Page page = b.get(appBaseUrl() + "/admin/consents.xhtml");
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no csrf field on the page: " + page.status() + " " + page.body());
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static ConsentBrowser.Page page(Answer a) {
        return new ConsentBrowser.Page(a.status(), a.response().uri(), a.body(), a.response());
    }
}
