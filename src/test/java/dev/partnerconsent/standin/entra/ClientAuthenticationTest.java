package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.failure;
import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static dev.partnerconsent.standin.entra.EntraFlows.CLIENT_ID;
import static dev.partnerconsent.standin.entra.EntraFlows.CLIENT_SECRET;
import static dev.partnerconsent.standin.entra.EntraFlows.REDIRECT_URI;
import static dev.partnerconsent.standin.entra.EntraFlows.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInExtension.class)
class ClientAuthenticationTest {

    private static final String CERT_CLIENT_ID = "7b3e2f10-9d4c-4e7a-8a21-6c0f5e3d2b94";

    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;
    private static EntraFlows certFlows;
    private static RSAKey certificateKey;

    @BeforeAll
    static void registerClients() throws Exception {
        certFlows = new EntraFlows(entra, CERT_CLIENT_ID);
        certificateKey = new RSAKeyGenerator(2048).keyID("app-cert").generate();
        entra.registerClient(ClientRegistration.of(CLIENT_ID).withSecret(CLIENT_SECRET).withRedirectUris(REDIRECT_URI));
        entra.registerClient(ClientRegistration.of(CERT_CLIENT_ID).withCertificateKey(certificateKey.toRSAPublicKey())
                .withRedirectUris(REDIRECT_URI));
    }

    @Test
    void theRegisteredSecretIsAcceptedByPostAndBasic() {
        success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true));

        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);
        success(flows.token("organizations", new ClientSecretBasic(new ClientID(CLIENT_ID), new Secret(CLIENT_SECRET)),
                new AuthorizationCodeGrant(code, URI.create(REDIRECT_URI), started.verifier()), null));
    }

    @Test
    void aWrongSecretIsAadsts7000215With401() {
        HTTPResponse response = redeemWith(flows,
                new ClientSecretPost(new ClientID(CLIENT_ID), new Secret("the-secret-id-not-its-value")));

        assertEquals(401, response.getStatusCode());
        TokenErrorResponse error = parseError(response);
        assertEquals("invalid_client", error.getErrorObject().getCode());
        assertTrue(error.getErrorObject().getDescription().startsWith("AADSTS7000215: Invalid client secret provided."));
    }

    @Test
    void noCredentialForAConfidentialClientIsAadsts7000218() {
        EntraFlows.Started started = flows.start("organizations");
        AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);
        TokenRequest request = new TokenRequest.Builder(
                URI.create(entra.tokenEndpoint("organizations")), new ClientID(CLIENT_ID),
                new AuthorizationCodeGrant(code, URI.create(REDIRECT_URI), started.verifier())).build();

        TokenErrorResponse error = failure(sendToken(request));

        assertTrue(error.getErrorObject().getDescription().startsWith("AADSTS7000218: "));
    }

    @Test
    void aCertificateAssertionIsAccepted() throws Exception {
        ClientAuthentication assertion = new PrivateKeyJWT(new ClientID(CERT_CLIENT_ID),
                URI.create(entra.tokenEndpoint("organizations")), JWSAlgorithm.RS256, certificateKey.toPrivateKey(),
                certificateKey.getKeyID(), null);

        EntraFlows.Started started = certFlows.start("organizations");
        AuthorizationCode code = certFlows.signIn(started, ADMIN, TENANT, true);
        String accessToken = success(certFlows.token("organizations", assertion,
                new AuthorizationCodeGrant(code, URI.create(REDIRECT_URI), started.verifier()), null))
                .getAccessToken().getValue();

        assertEquals("2", SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("appidacr"));
    }

    @Test
    void anAssertionSignedByAnotherKeyIsAadsts700027() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).generate();
        ClientAuthentication assertion = new PrivateKeyJWT(new ClientID(CERT_CLIENT_ID),
                URI.create(entra.tokenEndpoint("organizations")), JWSAlgorithm.RS256, stranger.toPrivateKey(),
                null, null);

        TokenErrorResponse error = parseError(redeemWith(certFlows, assertion));

        assertEquals("invalid_client", error.getErrorObject().getCode());
        assertTrue(error.getErrorObject().getDescription().startsWith("AADSTS700027: "));
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() throws Exception {
        ClientAuthentication assertion = new PrivateKeyJWT(new ClientID(CERT_CLIENT_ID),
                URI.create("https://login.microsoftonline.com/organizations/oauth2/v2.0/token"), JWSAlgorithm.RS256,
                certificateKey.toPrivateKey(), certificateKey.getKeyID(), null);

        TokenErrorResponse error = parseError(redeemWith(certFlows, assertion));

        assertTrue(error.getErrorObject().getDescription().startsWith("AADSTS50027: "));
    }

    @Test
    void anUnregisteredRedirectUriIsShownOnEntrasPageNotRedirected() {
        URI authorize = URI.create(flows.start("organizations").authorizeUrl().toString()
                .replace("partnerconsent.test", "evil.test"));

        AuthorizeOutcome outcome = LoginFormClient.signIn(authorize, ADMIN, TENANT, true);

        assertEquals(400, outcome.status());
        assertFalse(outcome.reachedRedirectUri());
        assertTrue(outcome.body().contains("AADSTS50011: The redirect URI &#39;https://evil.test/consent/callback&#39;"));
    }

    @Test
    void aClientWithoutReplyUrlsIsAadsts500113() {
        entra.registerClient(ClientRegistration.of("0e1f2a3b-0000-4000-8000-000000000001").withSecret(CLIENT_SECRET));
        URI authorize = URI.create(flows.start("organizations").authorizeUrl().toString()
                .replace(CLIENT_ID, "0e1f2a3b-0000-4000-8000-000000000001"));

        AuthorizeOutcome outcome = LoginFormClient.open(authorize);

        assertEquals(400, outcome.status());
        assertTrue(outcome.body().contains("AADSTS500113: No reply address is registered for the application."));
    }

    private static HTTPResponse redeemWith(EntraFlows appFlows, ClientAuthentication auth) {
        EntraFlows.Started started = appFlows.start("organizations");
        AuthorizationCode code = appFlows.signIn(started, ADMIN, TENANT, true);
        return appFlows.tokenHttp("organizations", auth,
                new AuthorizationCodeGrant(code, URI.create(REDIRECT_URI), started.verifier()), null, Map.of());
    }

    private static TokenResponse sendToken(TokenRequest request) {
        try {
            return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TokenErrorResponse parseError(HTTPResponse response) {
        try {
            return TokenErrorResponse.parse(response);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
