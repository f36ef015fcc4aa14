package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static dev.partnerconsent.standin.entra.EntraFlows.CLIENT_ID;
import static dev.partnerconsent.standin.entra.EntraFlows.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInExtension.class)
class CodeFlowTest {

    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;

    @Test
    void signInWithMfaAtOrganizationsGivesAnIdTokenOfTheSignedInTenant() throws Exception {
        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);

        OIDCTokens tokens = success(flows.redeem("organizations", code, started.verifier()));
        IDTokenClaimsSet claims = EntraFlows.validate(flows.validator(TENANT), tokens.getIDTokenString(),
                started.nonce());

        assertEquals(entra.baseUrl() + "/" + TENANT + "/v2.0", claims.getIssuer().getValue());
        assertEquals(List.of(CLIENT_ID), claims.getAudience().stream().map(a -> a.getValue()).toList());
        assertEquals(TENANT, claims.getStringClaim("tid"));
        assertEquals(SignIn.objectId(TENANT, ADMIN), claims.getStringClaim("oid"));
        assertEquals(ADMIN, claims.getStringClaim("preferred_username"));
        assertEquals("Admin", claims.getStringClaim("name"));
        assertEquals(started.nonce(), claims.getNonce());
        assertNull(claims.getClaim("amr"), "Entra's v2.0 ID tokens carry no amr");
        assertEquals(List.of("pwd", "mfa"),
                SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringListClaim("amr"),
                "the v1.0-shaped access token carries the MFA evidence");
        assertEquals("2.0", claims.getStringClaim("ver"));
        Instant iat = claims.getIssueTime().toInstant();
        assertTrue(Math.abs(iat.getEpochSecond() - Instant.now().getEpochSecond()) < 60);
        assertEquals(iat, claims.getDateClaim("nbf").toInstant());
        assertEquals(iat.plusSeconds(3600), claims.getExpirationTime().toInstant());
        SignedJWT idToken = SignedJWT.parse(tokens.getIDTokenString());
        assertEquals(JWSAlgorithm.RS256, idToken.getHeader().getAlgorithm());
        assertEquals(entra.signingKeyId(), idToken.getHeader().getKeyID());
    }

    @Test
    void signInWithoutMfaGivesAnIdTokenWithoutAmr() throws Exception {
        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, "helpdesk@fabrikam.onmicrosoft.com", DemoTenants.FABRIKAM.id(),
                false);

        OIDCTokens tokens = success(flows.redeem("organizations", code, started.verifier()));
        IDTokenClaimsSet claims = EntraFlows.validate(flows.validator(DemoTenants.FABRIKAM.id()),
                tokens.getIDTokenString(), started.nonce());

        assertNull(claims.getClaim("amr"));
        assertEquals(List.of("pwd"),
                SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringListClaim("amr"));
    }

    @Test
    void objectIdIsStablePerUserAndTenant() throws Exception {
        String first = idTokenClaims(flows.signInAndRedeem("organizations", ADMIN, TENANT, true)).getStringClaim("oid");
        String again = idTokenClaims(flows.signInAndRedeem("organizations", ADMIN.toUpperCase(), TENANT, false))
                .getStringClaim("oid");
        String otherTenant = idTokenClaims(flows.signInAndRedeem("organizations", ADMIN, DemoTenants.NORTHWIND.id(),
                true)).getStringClaim("oid");

        assertEquals(first, again);
        assertFalse(first.equals(otherTenant));
    }

    @Test
    void partnerCenterAccessTokenCarriesTheClaimsPartnerCenterChecks() throws Exception {
        OIDCTokens tokens = success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true));

        SignedJWT accessToken = SignedJWT.parse(tokens.getAccessToken().getValue());
        RSAKey key = JWKSet.load(URI.create(entra.jwksUri(TENANT)).toURL())
                .getKeyByKeyId(accessToken.getHeader().getKeyID()).toRSAKey();
        assertTrue(accessToken.verify(new RSASSAVerifier(key)));
        JWTClaimsSet claims = accessToken.getJWTClaimsSet();
        assertEquals(List.of("https://api.partnercenter.microsoft.com"), claims.getAudience());
        assertEquals(TENANT, claims.getStringClaim("tid"));
        assertEquals(List.of("pwd", "mfa"), claims.getStringListClaim("amr"));
        assertEquals(ADMIN, claims.getStringClaim("upn"));
        assertEquals(SignIn.objectId(TENANT, ADMIN), claims.getStringClaim("oid"));
        assertEquals("user_impersonation", claims.getStringClaim("scp"));
        assertEquals(CLIENT_ID, claims.getStringClaim("appid"));
        assertEquals("1", claims.getStringClaim("appidacr"));
        assertEquals(LocalEntraId.PARTNER_CENTER_SCOPE, tokens.getAccessToken().getScope().toString());
        assertTrue(claims.getExpirationTime().after(new Date()));
    }

    @Test
    void signInAtATenantAuthorityIsRedeemedThere() throws Exception {
        String tenant = DemoTenants.NORTHWIND.id();
        EntraFlows.Started started = flows.start(tenant);
        AuthorizationCode code = flows.signIn(started, "admin@northwindtraders.onmicrosoft.com", tenant, true);

        OIDCTokens tokens = success(flows.redeem(tenant, code, started.verifier()));

        assertEquals(tenant, EntraFlows.validate(flows.validator(tenant), tokens.getIDTokenString(), started.nonce())
                .getStringClaim("tid"));
    }

    @Test
    void aCodeIsRedeemedOnlyOnce() {
        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);
        success(flows.redeem("organizations", code, started.verifier()));

        TokenErrorResponse replay = failure(flows.redeem("organizations", code, started.verifier()));

        assertEquals("invalid_grant", replay.getErrorObject().getCode());
        assertTrue(replay.getErrorObject().getDescription().startsWith(
                "AADSTS54005: OAuth2 Authorization code was already redeemed"));
    }

    @Test
    void aCodeNeedsTheMatchingPkceVerifier() {
        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);

        TokenErrorResponse refused = failure(flows.redeem("organizations", code, new CodeVerifier()));

        assertEquals("invalid_grant", refused.getErrorObject().getCode());
        assertTrue(refused.getErrorObject().getDescription().startsWith("AADSTS501481: "));
    }

    @Test
    void aCodeOfOneTenantIsRefusedAtAnotherTenantsEndpoint() {
        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);

        TokenErrorResponse refused = failure(flows.redeem(DemoTenants.FABRIKAM.id(), code, started.verifier()));

        assertTrue(refused.getErrorObject().getDescription().startsWith("AADSTS700005: "));
    }

    @Test
    void formPostModeHandsTheCodeToTheRedirectUriByAPostedForm() throws Exception {
        EntraFlows.Started started = flows.start("organizations", EntraFlows.SAM_SCOPES, ResponseMode.FORM_POST);

        AuthorizeOutcome outcome = LoginFormClient.signIn(started.authorizeUrl(), ADMIN, TENANT, true);

        assertTrue(outcome.formPost());
        assertEquals(URI.create(EntraFlows.REDIRECT_URI), outcome.target());
        assertTrue(outcome.body().contains("document.forms[0].submit()"));
        AuthenticationSuccessResponse response =
                assertInstanceOf(AuthenticationSuccessResponse.class, outcome.toNimbusResponse());
        assertEquals(started.state(), response.getState());
        success(flows.redeem("organizations", response.getAuthorizationCode(), started.verifier()));
    }

    @Test
    void theSignInPageHasTheFieldsAndHintsATestFillsIn() {
        URI authorize = URI.create(flows.start("organizations").authorizeUrl() + "&login_hint="
                + "adele%40fabrikam.onmicrosoft.com");

        AuthorizeOutcome page = LoginFormClient.open(authorize);

        assertEquals(200, page.status());
        String html = page.body();
        for (String id : List.of("id=\"username\"", "id=\"tenant\"", "id=\"mfa\"", "id=\"signin\"", "id=\"cancel\"")) {
            assertTrue(html.contains(id), id);
        }
        assertTrue(html.contains("value=\"adele@fabrikam.onmicrosoft.com\""), "user name from login_hint");
        assertTrue(html.contains("value=\"" + DemoTenants.FABRIKAM.id() + "\" list="), "tenant from the hint's domain");
        assertTrue(html.contains("name=\"mfa\" value=\"on\" checked"), "MFA ticked by default");
        assertTrue(html.contains(DemoTenants.NORTHWIND.displayName()), "demo tenants offered");
    }

    @Test
    void domainHintChoosesTheTenant() {
        URI authorize = URI.create(flows.start("organizations").authorizeUrl() + "&domain_hint="
                + DemoTenants.NORTHWIND.domain());

        String html = LoginFormClient.open(authorize).body();

        assertTrue(html.contains("value=\"" + DemoTenants.NORTHWIND.id() + "\" list="));
    }

    @Test
    void theFormRefusesATenantThatIsNotAGuid() {
        EntraFlows.Started started = flows.start("organizations");

        AuthorizeOutcome outcome = LoginFormClient.submit(started.authorizeUrl(),
                Map.of("username", ADMIN, "tenant", "contoso.onmicrosoft.com", "mfa", "on", "action", "signin"));

        assertEquals(400, outcome.status());
        assertFalse(outcome.reachedRedirectUri());
        assertTrue(outcome.body().contains("id=\"problem\""));
    }

    @Test
    void aTenantAuthorityKeepsItsTenant() {
        EntraFlows.Started started = flows.start(TENANT);

        AuthorizeOutcome page = LoginFormClient.open(started.authorizeUrl());
        AuthorizeOutcome other = LoginFormClient.submit(started.authorizeUrl(),
                Map.of("username", ADMIN, "tenant", DemoTenants.FABRIKAM.id(), "action", "signin"));

        assertTrue(page.body().contains("value=\"" + TENANT + "\" list=\"demo-tenants\" required readonly"));
        assertEquals(400, other.status());
    }

    @Test
    void cancelSendsAccessDeniedToTheApp() throws Exception {
        EntraFlows.Started started = flows.start("organizations");

        AuthenticationResponse response = LoginFormClient.cancel(started.authorizeUrl()).toNimbusResponse();

        AuthenticationErrorResponse error = assertInstanceOf(AuthenticationErrorResponse.class, response);
        assertEquals("access_denied", error.getErrorObject().getCode());
        assertTrue(error.getErrorObject().getDescription().startsWith("AADSTS65004: "));
        assertEquals(started.state(), error.getState());
    }

    @Test
    void promptNoneFailsWithLoginRequiredAsThereIsNoSession() throws Exception {
        URI authorize = URI.create(flows.start("organizations").authorizeUrl().toString()
                .replace("prompt=login", "prompt=none"));

        AuthenticationResponse response = LoginFormClient.open(authorize).toNimbusResponse();

        AuthenticationErrorResponse error = assertInstanceOf(AuthenticationErrorResponse.class, response);
        assertEquals("login_required", error.getErrorObject().getCode());
        assertTrue(error.getErrorObject().getDescription().startsWith("AADSTS50058: "));
    }

    @Test
    void anAuthorizeRequestWithoutPkceIsRefused() throws Exception {
        String withPkce = flows.start("organizations").authorizeUrl().toString();
        URI withoutPkce = URI.create(withPkce.replaceAll("&code_challenge(_method)?=[^&]*", ""));

        AuthenticationResponse response = LoginFormClient.open(withoutPkce).toNimbusResponse();

        AuthenticationErrorResponse error = assertInstanceOf(AuthenticationErrorResponse.class, response);
        assertEquals("invalid_request", error.getErrorObject().getCode());
        assertTrue(error.getErrorObject().getDescription().startsWith(
                "AADSTS900144: The request body must contain the following parameter: 'code_challenge'."));
    }

    @Test
    void aClientRegisteredWithPkceOptionalSignsInWithoutIt() throws Exception {
        // as real Entra allows a confidential web app; the benchmark's Jakarta Security baseline cannot send PKCE
        String clientId = "7b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
        entra.registerClient(ClientRegistration.of(clientId).withSecret(EntraFlows.CLIENT_SECRET)
                .withRedirectUris(EntraFlows.REDIRECT_URI).withPkceOptional());
        EntraFlows baseline = new EntraFlows(entra, clientId);
        EntraFlows.Started started = baseline.start(TENANT);
        EntraFlows.Started withoutPkce = new EntraFlows.Started(
                URI.create(started.authorizeUrl().toString().replaceAll("&code_challenge(_method)?=[^&]*", "")),
                null, started.nonce(), started.state());
        AuthorizationCode code = baseline.signIn(withoutPkce, ADMIN, TENANT, true);

        TokenResponse response = baseline.token(TENANT, baseline.secretPost(),
                new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code, URI.create(EntraFlows.REDIRECT_URI)), null);

        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
    }

    @Test
    void everythingHandedOutIsAccountedFor() throws Exception {
        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);
        OIDCTokens tokens = success(flows.redeem("organizations", code, started.verifier()));

        List<String> issued = entra.issuedSecrets();

        assertTrue(issued.contains(code.getValue()));
        assertTrue(issued.contains(tokens.getAccessToken().getValue()));
        assertTrue(issued.contains(tokens.getIDTokenString()));
        assertTrue(issued.contains(tokens.getRefreshToken().getValue()));
        assertEquals(tokens.getRefreshToken().getValue(), entra.lastRefreshToken(TENANT).orElseThrow());
        assertNotNull(entra.issued().stream().filter(s -> s.value().equals(code.getValue())
                && s.kind() == SecretKind.AUTHORIZATION_CODE && s.tenantId().equals(TENANT)).findFirst().orElse(null));
    }

    static OIDCTokens success(TokenResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("token error: " + response.toErrorResponse().getErrorObject());
        }
        return assertInstanceOf(OIDCTokenResponse.class, response).getOIDCTokens();
    }

    static TokenErrorResponse failure(TokenResponse response) {
        assertFalse(response.indicatesSuccess(), "expected a token error");
        return response.toErrorResponse();
    }

    private static JWTClaimsSet idTokenClaims(TokenResponse response) throws Exception {
        return SignedJWT.parse(success(response).getIDTokenString()).getJWTClaimsSet();
    }
}
