package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.failure;
import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInExtension.class)
class RefreshTokenTest {

    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;

    @Test
    void eachRedemptionRotatesTheRefreshTokenAndTheOldOneStaysValid() {
        String tenant = DemoTenants.FABRIKAM.id();
        String first = success(flows.signInAndRedeem("organizations", ADMIN, tenant, true))
                .getRefreshToken().getValue();

        String second = success(flows.refresh("organizations", first, null)).getRefreshToken().getValue();
        String third = success(flows.refresh("organizations", first, null)).getRefreshToken().getValue();
        String fourth = success(flows.refresh(tenant, second, null)).getRefreshToken().getValue();

        assertEquals(4, List.of(first, second, third, fourth).stream().distinct().count());
        assertEquals(List.of(first, second, third, fourth), entra.refreshTokensIssued(tenant));
        assertEquals(fourth, entra.lastRefreshToken(tenant).orElseThrow());
    }

    @Test
    void refreshTokensLookOpaqueAndRealisticallyLong() {
        String token = success(flows.signInAndRedeem("organizations", ADMIN, EntraFlows.TENANT, true))
                .getRefreshToken().getValue();

        assertTrue(token.length() > 1000, "length " + token.length());
        assertTrue(token.startsWith("1.A"));
        assertThrows(java.text.ParseException.class, () -> JWTParser.parse(token));
    }

    @Test
    void oneRefreshTokenAlsoYieldsAGraphTokenWithTheSignInsClaims() throws Exception {
        String tenant = DemoTenants.NORTHWIND.id();
        String refreshToken = success(flows.signInAndRedeem("organizations", "ops@northwindtraders.onmicrosoft.com",
                tenant, true)).getRefreshToken().getValue();

        OIDCTokens graph = success(flows.refresh("organizations", refreshToken, new Scope(EntraFlows.GRAPH_SCOPE)));
        OIDCTokens partnerCenter = success(flows.refresh("organizations", graph.getRefreshToken().getValue(),
                new Scope(LocalEntraId.PARTNER_CENTER_SCOPE, "openid")));

        JWTClaimsSet graphClaims = SignedJWT.parse(graph.getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals(List.of(LocalEntraId.GRAPH_AUDIENCE), graphClaims.getAudience());
        assertEquals("User.Read", graphClaims.getStringClaim("scp"));
        assertEquals(tenant, graphClaims.getStringClaim("tid"));
        assertEquals("ops@northwindtraders.onmicrosoft.com", graphClaims.getStringClaim("upn"));
        assertEquals(List.of("pwd", "mfa"), graphClaims.getStringListClaim("amr"));
        assertNull(graph.getIDToken(), "no openid asked, no ID token");
        JWTClaimsSet pcClaims = SignedJWT.parse(partnerCenter.getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals(List.of(LocalEntraId.PARTNER_CENTER_AUDIENCE), pcClaims.getAudience());
        assertEquals(graphClaims.getStringClaim("oid"), pcClaims.getStringClaim("oid"));
        assertNotNull(partnerCenter.getIDToken());
        assertEquals(tenant, EntraFlows.validate(flows.validator(tenant), partnerCenter.getIDTokenString(), null)
                .getStringClaim("tid"));
    }

    @Test
    void scopesOfTwoResourcesAreRefused() {
        String refreshToken = success(flows.signInAndRedeem("organizations", ADMIN, EntraFlows.TENANT, true))
                .getRefreshToken().getValue();

        TokenErrorResponse refused = failure(flows.refresh("organizations", refreshToken,
                new Scope(EntraFlows.GRAPH_SCOPE, LocalEntraId.PARTNER_CENTER_SCOPE)));

        assertEquals("invalid_scope", refused.getErrorObject().getCode());
        assertTrue(refused.getErrorObject().getDescription().startsWith("AADSTS28000: "));
    }

    @Test
    void revokingAUsersTokensAnswersAadsts50173AndANewSignInWorksAgain() {
        String tenant = DemoTenants.CONTOSO_PARTNER.id();
        String user = "revoked.admin@contosopartner.onmicrosoft.com";
        String old = success(flows.signInAndRedeem("organizations", user, tenant, true)).getRefreshToken().getValue();
        String rotated = success(flows.refresh("organizations", old, null)).getRefreshToken().getValue();
        String bystander = success(flows.signInAndRedeem("organizations", ADMIN, tenant, true))
                .getRefreshToken().getValue();

        entra.revokeRefreshTokens(tenant, user);

        for (String token : List.of(old, rotated)) {
            TokenErrorResponse refused = failure(flows.refresh("organizations", token, null));
            assertEquals("invalid_grant", refused.getErrorObject().getCode());
            assertTrue(refused.getErrorObject().getDescription().startsWith(
                    "AADSTS50173: The provided grant has expired due to it being revoked"));
        }
        success(flows.refresh("organizations", bystander, null));
        String fresh = success(flows.signInAndRedeem("organizations", user, tenant, true)).getRefreshToken().getValue();
        success(flows.refresh("organizations", fresh, null));
    }

    @Test
    void revokingATenantsTokensReachesEveryUser() {
        String tenant = "0f0b1a4c-63ed-422d-8c41-16fa655e910b";
        String a = success(flows.signInAndRedeem("organizations", "a@tenant.example", tenant, true))
                .getRefreshToken().getValue();
        String b = success(flows.signInAndRedeem("organizations", "b@tenant.example", tenant, true))
                .getRefreshToken().getValue();

        entra.revokeRefreshTokens(tenant, null);

        assertTrue(failure(flows.refresh("organizations", a, null)).getErrorObject().getDescription()
                .startsWith("AADSTS50173: "));
        assertTrue(failure(flows.refresh("organizations", b, null)).getErrorObject().getDescription()
                .startsWith("AADSTS50173: "));
    }

    @Test
    void expiredTokensAnswerAadsts700082() {
        String tenant = DemoTenants.FABRIKAM.id();
        String user = "idle@fabrikam.onmicrosoft.com";
        String token = success(flows.signInAndRedeem("organizations", user, tenant, true)).getRefreshToken().getValue();

        entra.expireRefreshTokens(tenant, user);

        TokenErrorResponse refused = failure(flows.refresh("organizations", token, null));
        assertEquals("invalid_grant", refused.getErrorObject().getCode());
        assertTrue(refused.getErrorObject().getDescription().startsWith(
                "AADSTS700082: The refresh token has expired due to inactivity."));
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        TokenErrorResponse refused = failure(flows.refresh("organizations", "1.AXkA-not-a-token", null));

        assertEquals("invalid_grant", refused.getErrorObject().getCode());
        assertTrue(refused.getErrorObject().getDescription().startsWith("AADSTS9002313: "));
        assertFalse(entra.issuedSecrets().contains("1.AXkA-not-a-token"));
    }

    @Test
    void aRefreshTokenIsBoundToItsClient() {
        String token = success(flows.signInAndRedeem("organizations", ADMIN, EntraFlows.TENANT, true))
                .getRefreshToken().getValue();

        TokenErrorResponse refused = failure(flows.token("organizations",
                new ClientSecretPost(new ClientID("11111111-2222-3333-4444-555555555555"), new Secret("x")),
                new RefreshTokenGrant(new RefreshToken(token)), null));

        assertEquals("invalid_grant", refused.getErrorObject().getCode());
        assertTrue(refused.getErrorObject().getDescription().startsWith("AADSTS70000: "));
    }
}
