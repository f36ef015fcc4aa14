package dev.partnerconsent.lifecycle;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.standin.apis.ApiCall;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import dev.partnerconsent.store.AuditFilter;
import dev.partnerconsent.store.AuditRecord;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.ConsentTags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access checks against the local Partner Center and Graph, and token use, with write-back and audit. */
class AccessAndTokenUseTest {

    private static LifecycleStandIns fixture;

    @BeforeAll
    static void start() {
        fixture = LifecycleStandIns.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void clearCalls() {
        fixture.standIns.apis().clearCalls();
    }

    @Test
    void aHealthyTenantPassesBothChecksAndTheRotatedTokenIsWrittenBack() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), true);
        AccessCheckResult result = c.accessCheck().check(new TenantId(tenant), "ops-test");
        assertTrue(result.ok(), result.toString());
        assertEquals(List.of("Partner Center", "Microsoft Graph"), result.checks().stream().map(ApiCheck::api).toList());
        assertTrue(result.checks().stream().allMatch(ch -> ch.mfa().orElse(false)));

        List<ApiCall> calls = fixture.standIns.apis().calls();
        assertEquals(List.of("partner-center", "graph"), calls.stream().map(ApiCall::api).toList());
        assertEquals("https://api.partnercenter.microsoft.com", calls.get(0).audience());
        assertEquals("https://graph.microsoft.com", calls.get(1).audience());
        assertTrue(calls.stream().allMatch(call -> call.tenantId().equals(tenant) && call.status() == 200));

        StoredSecret secret = fixture.standIns.vault().secret(tenant).orElseThrow();
        assertEquals(3, secret.versions().size(), "the consent and one rotation per API");
        assertEquals(fixture.standIns.entra().lastRefreshToken(tenant).orElseThrow(), secret.latest().value());
        assertEquals(1, secret.versions().stream().filter(v -> v.enabled()).count());
    }

    @Test
    void aTokenWithoutMfaIsExplainedAs900421() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), false);
        AccessCheckResult result = c.accessCheck().check(new TenantId(tenant), "ops-test");
        assertFalse(result.ok());
        ApiCheck pc = result.checks().get(0);
        assertEquals("AADSTS900421", pc.code());
        assertEquals(Optional.of(401), pc.status());
        assertEquals(Optional.of(false), pc.mfa());
        assertTrue(pc.detail().contains("MFA"), pc.detail());
        assertTrue(result.checks().get(1).ok(), "Graph does not insist on MFA");
        assertEquals(fixture.standIns.entra().lastRefreshToken(tenant).orElseThrow(),
                fixture.standIns.vault().secret(tenant).orElseThrow().latest().value(), "written back all the same");
    }

    @Test
    void aRevokedTokenIsExplainedAndFlagged() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), true);
        fixture.standIns.entra().revokeRefreshTokens(tenant, null);
        AccessCheckResult result = c.accessCheck().check(new TenantId(tenant), "ops-test");
        assertEquals(List.of("AADSTS50173", "AADSTS50173"), result.checks().stream().map(ApiCheck::code).toList());
        assertTrue(fixture.standIns.apis().calls().isEmpty(), "no API is called without a token");
        assertEquals("true", fixture.standIns.vault().secret(tenant).orElseThrow().latest().tags().get(ConsentTags.NEEDS_RECONSENT));
    }

    @Test
    void tokenUseHandsOutAnAccessTokenWritesBackAndAudits() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), true);
        Instant before = Instant.now();
        IssuedAccessToken issued = c.tokenUse().issue(new TenantId(tenant), "https://api.partnercenter.microsoft.com/.default",
                Optional.empty(), "automation-test");
        JWTClaimsSet claims = SignedJWT.parse(issued.accessToken().getValue()).getJWTClaimsSet();
        assertEquals(List.of("https://api.partnercenter.microsoft.com"), claims.getAudience());
        assertEquals(tenant, claims.getStringClaim("tid"));
        assertTrue(issued.expiresAt().isAfter(before.plusSeconds(600)));
        assertFalse(issued.toString().contains(issued.accessToken().getValue()));
        StoredSecret secret = fixture.standIns.vault().secret(tenant).orElseThrow();
        assertEquals(issued.storedVersion().orElseThrow(), secret.latest().version());
        assertEquals(fixture.standIns.entra().lastRefreshToken(tenant).orElseThrow(), secret.latest().value());

        List<AuditRecord> rows = audit(c, tenant, "access.token-issued");
        assertEquals(1, rows.size(), rows.toString());
        AuditRecord row = rows.get(0);
        assertEquals("automation-test", row.actor());
        assertEquals(tenant, row.tenantId());
        assertTrue(row.detail().contains("scope=https://api.partnercenter.microsoft.com/.default")
                && row.detail().contains("outcome=ok"), row.detail());
        assertFalse(row.toString().contains(issued.accessToken().getValue()));
        assertFalse(row.toString().contains(secret.latest().value()));
    }

    /** The tenant's audit rows of one kind, newest first. */
    private static List<AuditRecord> audit(LifecycleStandIns.Components c, String tenant, String kind) throws Exception {
        return c.audit().list(new AuditFilter(Optional.of(tenant), Optional.of(kind), Optional.empty(), Optional.empty(),
                Optional.empty()), 0, 50).items();
    }

    @Test
    void tokenUseRefusalsAreExplainedAndAudited() throws Exception {
        var c = fixture.components(Map.of());
        String tenant = fixture.consentedTenant(c.vault(), true);
        FailureException bad = assertThrows(FailureException.class, () -> c.tokenUse().issue(new TenantId(tenant),
                "https://graph.microsoft.com/.default https://api.partnercenter.microsoft.com/.default", Optional.empty(), "t"));
        assertEquals("scope-invalid", bad.failure().code());

        fixture.standIns.entra().expireRefreshTokens(tenant, null);
        FailureException expired = assertThrows(FailureException.class, () -> c.tokenUse().issue(new TenantId(tenant),
                "https://graph.microsoft.com/.default", Optional.empty(), "t"));
        assertEquals("AADSTS700082", expired.failure().code());
        List<AuditRecord> refused = audit(c, tenant, "access.token-refused");
        assertEquals(List.of(true, true), List.of(refused.get(1).detail().contains("outcome=scope-invalid"),
                refused.get(0).detail().contains("outcome=AADSTS700082")), refused.toString());
        assertEquals(1, fixture.standIns.vault().secret(tenant).orElseThrow().versions().size(), "nothing new stored");
    }

    @Test
    void tokenUseInACustomerTenantDoesNotOverwriteThePartnersConsent() throws Exception {
        var c = fixture.components(Map.of());
        String partner = fixture.consentedTenant(c.vault(), true);
        String customer = java.util.UUID.randomUUID().toString();
        FailureException noRelationship = assertThrows(FailureException.class, () -> c.tokenUse().issue(new TenantId(partner),
                "https://graph.microsoft.com/.default", Optional.of(new TenantId(customer)), "t"));
        assertEquals("AADSTS70000", noRelationship.failure().code());

        fixture.standIns.entra().grantDelegatedAdmin(partner, customer);
        IssuedAccessToken issued = c.tokenUse().issue(new TenantId(partner), "https://graph.microsoft.com/.default", Optional.of(new TenantId(customer)), "t");
        assertEquals(customer, SignedJWT.parse(issued.accessToken().getValue()).getJWTClaimsSet().getStringClaim("tid"));
        assertEquals(1, fixture.standIns.vault().secret(partner).orElseThrow().versions().size());
        assertEquals("customer " + customer, audit(c, partner, "access.token-issued").get(0).subject());
    }
}
