package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** App roles in ID tokens and app-only (client credentials) tokens for an app's own API. */
@ExtendWith(StandInExtension.class)
class AppRolesTest {

    private static final String AUTOMATION = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    private static final String AUTOMATION_SECRET = "automation-secret-value-0123456789abcdef";
    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;

    @BeforeAll
    static void registerClients() {
        entra.registerClient(ClientRegistration.of(AUTOMATION).withSecret(AUTOMATION_SECRET).named("Automation"));
    }

    private static TokenResponse clientCredentials(String tenant, String secret, String scope) {
        return flows.token(tenant, new ClientSecretPost(new ClientID(AUTOMATION), new Secret(secret)),
                new ClientCredentialsGrant(), new Scope(scope.split(" ")));
    }

    @Test
    void aUsersAppRolesAppearInItsIdTokensOnlyInThatTenant() throws Exception {
        String tenant = EntraFlows.TENANT;
        String operator = "operator@contosopartner.onmicrosoft.com";
        entra.assignAppRole(tenant, operator, "PartnerConsent.Admin");

        JWTClaimsSet withRole = SignedJWT.parse(success(flows.signInAndRedeem("organizations", operator, tenant, true))
                .getIDTokenString()).getJWTClaimsSet();
        assertEquals(List.of("PartnerConsent.Admin"), withRole.getStringListClaim("roles"));

        JWTClaimsSet otherUser = SignedJWT.parse(success(flows.signInAndRedeem("organizations", EntraFlows.ADMIN, tenant,
                true)).getIDTokenString()).getJWTClaimsSet();
        assertNull(otherUser.getClaim("roles"));
        JWTClaimsSet otherTenant = SignedJWT.parse(success(flows.signInAndRedeem("organizations", operator,
                DemoTenants.NORTHWIND.id(), true)).getIDTokenString()).getJWTClaimsSet();
        assertNull(otherTenant.getClaim("roles"));
    }

    @Test
    void clientCredentialsYieldAnAppTokenForTheApiWithItsRoles() throws Exception {
        String tenant = EntraFlows.TENANT;
        entra.assignAppRole(tenant, AUTOMATION, "PartnerConsent.Admin");
        TokenResponse response = clientCredentials(tenant, AUTOMATION_SECRET, "api://" + EntraFlows.CLIENT_ID + "/.default");
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        AccessTokenResponse ok = response.toSuccessResponse();
        assertNull(ok.getTokens().getRefreshToken());
        String token = ok.getTokens().getAccessToken().getValue();
        assertTrue(entra.issuedSecrets().contains(token));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(List.of("api://" + EntraFlows.CLIENT_ID), claims.getAudience());
        assertEquals("https://sts.windows.net/" + tenant + "/", claims.getIssuer());
        assertEquals(AUTOMATION, claims.getStringClaim("appid"));
        assertEquals("app", claims.getStringClaim("idtyp"));
        assertEquals(tenant, claims.getStringClaim("tid"));
        assertEquals(List.of("PartnerConsent.Admin"), claims.getStringListClaim("roles"));

        JWTClaimsSet elsewhere = SignedJWT.parse(clientCredentials(DemoTenants.NORTHWIND.id(), AUTOMATION_SECRET,
                "api://" + EntraFlows.CLIENT_ID + "/.default").toSuccessResponse().getTokens().getAccessToken().getValue())
                .getJWTClaimsSet();
        assertNull(elsewhere.getClaim("roles"), "roles are per tenant");
    }

    @Test
    void clientCredentialsAreRefusedLikeEntraRefusesThem() {
        TokenErrorResponse wrongSecret = clientCredentials(EntraFlows.TENANT, "the-secret-id",
                "api://" + EntraFlows.CLIENT_ID + "/.default").toErrorResponse();
        assertTrue(wrongSecret.getErrorObject().getDescription().startsWith("AADSTS7000215"));
        TokenErrorResponse notDefault = clientCredentials(EntraFlows.TENANT, AUTOMATION_SECRET,
                "api://" + EntraFlows.CLIENT_ID + "/user_impersonation").toErrorResponse();
        assertEquals("invalid_scope", notDefault.getErrorObject().getCode());
        TokenErrorResponse alias = clientCredentials("organizations", AUTOMATION_SECRET,
                "api://" + EntraFlows.CLIENT_ID + "/.default").toErrorResponse();
        assertTrue(alias.getErrorObject().getDescription().startsWith("AADSTS90002"), alias.getErrorObject().toString());
    }
}
