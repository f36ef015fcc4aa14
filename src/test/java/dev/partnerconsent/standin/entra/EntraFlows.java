package dev.partnerconsent.standin.entra;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the tests do with the real Nimbus client: the app's side of the flows. */
public final class EntraFlows {

    static final String CLIENT_ID = "5d4ac2a1-7c1e-4a8e-9f55-2f9c3b1d6e01";
    static final String CLIENT_SECRET = "Qx8Q~local.entra.client.secret.value-0123";
    static final String REDIRECT_URI = "https://partnerconsent.test/consent/callback";
    static final Scope SAM_SCOPES = new Scope("openid", "profile", "offline_access", LocalEntraId.PARTNER_CENTER_SCOPE);
    static final String GRAPH_SCOPE = "https://graph.microsoft.com/User.Read";
    static final String ADMIN = "admin@contosopartner.onmicrosoft.com";
    static final String TENANT = DemoTenants.CONTOSO_PARTNER.id();

    /** One authorize request and the secrets the app keeps for its callback. */
    record Started(URI authorizeUrl, CodeVerifier verifier, Nonce nonce, State state) {
    }

    private final LocalEntraId entra;
    private final String clientId;

    public EntraFlows(LocalEntraId entra) {
        this(entra, CLIENT_ID);
    }

    /** Flows of another app registration (its authorize requests, validator and secret_post use its id). */
    EntraFlows(LocalEntraId entra, String clientId) {
        this.entra = entra;
        this.clientId = clientId;
    }

    /** Surefire points java.io.tmpdir at target/tmp; nothing here writes there, but make sure it exists. */
    public static LocalEntraId startEntra() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LocalEntraId.start(0);
    }

    Started start(String tenantOrAlias) {
        return start(tenantOrAlias, SAM_SCOPES, null);
    }

    Started start(String tenantOrAlias, Scope scope, ResponseMode mode) {
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        State state = new State();
        AuthenticationRequest request = new AuthenticationRequest.Builder(
                ResponseType.CODE, scope, new ClientID(clientId), URI.create(REDIRECT_URI))
                .endpointURI(URI.create(entra.authorizationEndpoint(tenantOrAlias)))
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .prompt(Prompt.Type.LOGIN)
                .responseMode(mode)
                .customParameter("amr_values", "mfa")
                .build();
        return new Started(request.toURI(), verifier, nonce, state);
    }

    /** Authorize at {@code tenantOrAlias}, sign in as {@code user} of {@code tenantId}: the code. */
    AuthorizationCode signIn(Started started, String user, String tenantId, boolean mfa) {
        AuthorizeOutcome outcome = LoginFormClient.signIn(started.authorizeUrl(), user, tenantId, mfa);
        if (outcome.code() == null) {
            throw new AssertionError("no code: HTTP " + outcome.status() + " " + outcome.parameters());
        }
        if (!started.state().getValue().equals(outcome.parameters().get("state"))) {
            throw new AssertionError("state not echoed");
        }
        return new AuthorizationCode(outcome.code());
    }

    ClientAuthentication secretPost() {
        return new ClientSecretPost(new ClientID(clientId), new Secret(CLIENT_SECRET));
    }

    TokenResponse redeem(String tenantOrAlias, AuthorizationCode code, CodeVerifier verifier) {
        return token(tenantOrAlias, secretPost(),
                new AuthorizationCodeGrant(code, URI.create(REDIRECT_URI), verifier), null);
    }

    TokenResponse refresh(String tenantOrAlias, String refreshToken, Scope scope) {
        return token(tenantOrAlias, secretPost(), new RefreshTokenGrant(new RefreshToken(refreshToken)), scope);
    }

    TokenResponse token(String tenantOrAlias, ClientAuthentication auth, AuthorizationGrant grant, Scope scope) {
        try {
            return OIDCTokenResponseParser.parse(tokenHttp(tenantOrAlias, auth, grant, scope, Map.of()));
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(e);
        }
    }

    HTTPResponse tokenHttp(String tenantOrAlias, ClientAuthentication auth, AuthorizationGrant grant, Scope scope,
                           Map<String, String> headers) {
        HTTPRequest http = new TokenRequest(URI.create(entra.tokenEndpoint(tenantOrAlias)), auth, grant, scope)
                .toHTTPRequest();
        headers.forEach(http::setHeader);
        try {
            return http.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full SAM sign-in: authorize, sign in, redeem. */
    TokenResponse signInAndRedeem(String tenantOrAlias, String user, String tenantId, boolean mfa) {
        Started started = start(tenantOrAlias);
        return redeem(tenantOrAlias, signIn(started, user, tenantId, mfa), started.verifier());
    }

    /** A validator as the app builds one: tenant issuer, client id, RS256 keys from the JWKS (refetched on unknown kid). */
    IDTokenValidator validator(String tenantId) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder
                    .create(new URL(entra.jwksUri(tenantId)))
                    .rateLimited(false)
                    .build();
            return new IDTokenValidator(new Issuer(entra.issuer(tenantId)), new ClientID(clientId),
                    new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IDTokenClaimsSet validate(IDTokenValidator validator, String idToken, Nonce nonce) throws Exception {
        JWT jwt = JWTParser.parse(idToken);
        return validator.validate(jwt, nonce);
    }
}
