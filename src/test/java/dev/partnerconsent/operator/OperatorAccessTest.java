package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SetupProblem;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who is an operator, which role each route needs, and which access tokens a caller may obtain. */
class OperatorAccessTest {

    private static final String PARTNER = "bb0a3224-b41d-4f4c-b37d-355adcff7272";
    private static final String OTHER = "189b32d9-3cef-4869-87eb-cdd49e6bfb03";
    private static final String ALICE = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";
    private static final String CLIENT = "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";

    private static Settings settings(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("partnerconsent.client-id", "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f");
        m.put("partnerconsent.client-secret", "s");
        m.put("partnerconsent.redirect-uri", "https://consent.example/consent/callback");
        m.putAll(extra);
        return MapConfig.settings(m);
    }

    @Test
    void adminsAreTenantAndObjectIdPairsAndAnythingElseIsAWarning() {
        Settings s = settings(Map.of("partnerconsent.admins", PARTNER + ":" + ALICE.toUpperCase() + ", ops@contoso.com, " + ALICE,
                "partnerconsent.operator-tenants", PARTNER));
        OperatorSettings ops = new OperatorSettings(s);
        assertEquals(Optional.of(OperatorRole.TOKEN_ISSUER), ops.roleOf(PARTNER, ALICE, List.of()));
        assertEquals(Optional.empty(), ops.roleOf(OTHER, ALICE, List.of()), "the same object id in another tenant");
        List<SetupProblem> warnings = s.problems().stream().filter(p -> p.key().equals("partnerconsent.admins")).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().noneMatch(SetupProblem::blocking));
        assertTrue(warnings.get(0).problem().contains("'ops@contoso.com'") || warnings.get(1).problem().contains("'ops@contoso.com'"));
        assertTrue(warnings.stream().anyMatch(w -> w.problem().contains("user principal name can be renamed")));
    }

    @Test
    void appRolesCountOnlyFromOperatorTenantsAndTheRetiredRoleGrantsNothing() {
        OperatorSettings ops = new OperatorSettings(settings(Map.of("partnerconsent.operator-tenants", PARTNER)));
        assertEquals(Optional.of(OperatorRole.READER), ops.roleOf(PARTNER, ALICE, List.of("PartnerConsent.Reader")));
        assertEquals(Optional.of(OperatorRole.OPERATOR),
                ops.roleOf(PARTNER, ALICE, List.of("PartnerConsent.Reader", "PartnerConsent.Operator")), "the highest role counts");
        assertEquals(Optional.empty(), ops.roleOf(OTHER, ALICE, List.of("PartnerConsent.TokenIssuer")));
        assertEquals(Optional.empty(), ops.roleOf(PARTNER, ALICE, List.of(OperatorRole.RETIRED_ADMIN_ROLE)));
        assertEquals(Optional.empty(), ops.roleOf(null, ALICE, List.of("PartnerConsent.TokenIssuer")));
    }

    @Test
    void rolesIncludeTheLesserOnesOnly() {
        assertTrue(OperatorRole.TOKEN_ISSUER.includes(OperatorRole.READER));
        assertTrue(OperatorRole.OPERATOR.includes(OperatorRole.READER));
        assertFalse(OperatorRole.OPERATOR.includes(OperatorRole.TOKEN_ISSUER));
        assertFalse(OperatorRole.READER.includes(OperatorRole.OPERATOR));
        assertEquals(java.util.Set.of("reader", "operator"), OperatorRole.OPERATOR.containerRoles());
    }

    @Test
    void readingNeedsAReaderChangingStateAnOperatorAndTokensATokenIssuer() {
        assertEquals(OperatorRole.READER, RequiredRole.of("GET", "/admin/consents.xhtml"));
        assertEquals(OperatorRole.READER, RequiredRole.of("HEAD", "/api/consents"));
        assertEquals(OperatorRole.OPERATOR, RequiredRole.of("POST", "/admin/actions/refresh"));
        assertEquals(OperatorRole.OPERATOR, RequiredRole.of("DELETE", "/api/anything-new"), "unknown writes are not for readers");
        assertEquals(OperatorRole.OPERATOR, RequiredRole.of("OPTIONS", "/api/consents"));
        assertEquals(OperatorRole.TOKEN_ISSUER, RequiredRole.of("POST", "/api/consents/" + PARTNER + "/access-token"));
        assertEquals(OperatorRole.TOKEN_ISSUER, RequiredRole.of("POST", "/api/consents/" + PARTNER + "/access-token/"));
        assertEquals(OperatorRole.TOKEN_ISSUER, RequiredRole.of("GET", "/api/consents/" + PARTNER + "/access-token"));
    }

    @Test
    void tokensOnlyForListedResourcesAndWithinABinding() throws Exception {
        dev.partnerconsent.store.AuditTrail trail = trail();
        TokenPolicy policy = new TokenPolicy(new OperatorSettings(settings(Map.of(
                "partnerconsent.token-use.bindings", CLIENT + "=https://graph.microsoft.com@" + PARTNER))), trail);
        OperatorIdentity person = identity(Optional.empty());
        OperatorIdentity bound = identity(Optional.of(CLIENT));
        OperatorIdentity unbound = identity(Optional.of("0e1f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b"));
        TenantId partner = new TenantId(PARTNER);

        assertDoesNotThrow(() -> policy.check(person, partner, "https://api.partnercenter.microsoft.com/user_impersonation"));
        assertDoesNotThrow(() -> policy.check(unbound, new TenantId(OTHER), "https://graph.microsoft.com/.default"));
        assertDoesNotThrow(() -> policy.check(bound, partner, "https://GRAPH.microsoft.com/.default"));
        for (String scope : List.of("https://management.azure.com//user_impersonation", "api://" + CLIENT + "/.default",
                "https://graph.microsoft.com.evil.example/.default", "https://evil.example/graph.microsoft.com/.default")) {
            FailureException e = assertThrows(FailureException.class, () -> policy.check(person, partner, scope), scope);
            assertEquals("token-use-not-allowed", e.failure().code());
            assertEquals(403, e.failure().httpStatus());
        }
        for (String scope : java.util.Arrays.asList("openid", "", null, "graph.microsoft.com/.default")) {
            FailureException e = assertThrows(FailureException.class, () -> policy.check(person, partner, scope), scope);
            assertEquals("scope-invalid", e.failure().code(), scope);
        }
        FailureException resource = assertThrows(FailureException.class,
                () -> policy.check(bound, partner, "https://api.partnercenter.microsoft.com/.default"));
        assertTrue(resource.failure().detail().contains("may obtain tokens only for [https://graph.microsoft.com]"));
        FailureException tenant = assertThrows(FailureException.class,
                () -> policy.check(bound, new TenantId(OTHER), "https://graph.microsoft.com/.default"));
        assertTrue(tenant.failure().detail().contains("may not use the consent of tenant " + OTHER));
        var refused = trail.list(dev.partnerconsent.store.AuditFilter.ALL, 0, 50).items();
        assertEquals(10, refused.size(), "every refusal on the audit trail: 4 resources, 4 scopes without one, 2 by the binding");
        assertTrue(refused.stream().allMatch(r -> r.kind().equals("access.token-refused")
                && r.detail().endsWith("outcome=" + r.detail().replaceAll(".*outcome=", ""))));
        assertTrue(refused.get(0).subject().equals("client " + CLIENT), refused.get(0).toString());
    }

    private static dev.partnerconsent.store.AuditTrail trail() {
        return new dev.partnerconsent.store.AuditTrail(dev.partnerconsent.store.Database.on(
                dev.partnerconsent.store.TestDatabases.fresh()), java.time.Clock.systemUTC());
    }

    @Test
    void aMalformedBindingGivesThatClientNothingAndSaysSo() {
        Settings s = settings(Map.of("partnerconsent.token-use.bindings", CLIENT + "=graph.microsoft.com",
                "partnerconsent.token-use.resources", "https://api.partnercenter.microsoft.com, https://graph.microsoft.com/, ftp://x"));
        assertTrue(s.problems().stream().anyMatch(p -> p.key().equals("partnerconsent.token-use.bindings") && !p.blocking()));
        assertTrue(s.problems().stream().anyMatch(p -> p.key().equals("partnerconsent.token-use.resources") && p.problem().contains("ftp://x")));
        TokenPolicy policy = new TokenPolicy(new OperatorSettings(s), trail());
        assertThrows(FailureException.class, () -> policy.check(identity(Optional.of(CLIENT)), new TenantId(PARTNER),
                "https://graph.microsoft.com/.default"));
        assertDoesNotThrow(() -> policy.check(identity(Optional.empty()), new TenantId(PARTNER), "https://graph.microsoft.com/.default"));
    }

    private static OperatorIdentity identity(Optional<String> client) {
        return new OperatorIdentity(client.isPresent() ? "app" : "user", ALICE, client.map(c -> "app " + c).orElse("alice"),
                PARTNER, Optional.of(OperatorRole.TOKEN_ISSUER), client, "", Instant.now().plusSeconds(60));
    }
}
