package dev.partnerconsent.entra;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one client of Entra's token endpoint: the authorization code grant (with the PKCE verifier) of the consent and
 * the operator sign-in, and the refresh-token grant of keep-alive, access checks and token use. Authenticates as this
 * app with {@link ClientCredentials} (secret or certificate assertion) and turns Entra's error answers into the
 * catalogue's AADSTS failures. Never puts a token, code or secret into a failure or a log line.
 */
@ApplicationScoped
public class TokenRedemption {

    static final int TIMEOUT_MS = 15_000;
    private static final Pattern AUTHORITY_SEGMENT = Pattern.compile(
            "^/(organizations|common|consumers|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/");

    private final ProviderMetadataSource metadata;
    private final ClientCredentials credentials;
    private final ConsentMetrics metrics;
    private final Clock clock;

    @Inject
    public TokenRedemption(ProviderMetadataSource metadata, ClientCredentials credentials, ConsentMetrics metrics,
                           Clock clock) {
        this.metadata = metadata;
        this.credentials = credentials;
        this.metrics = metrics;
        this.clock = clock;
    }

    protected TokenRedemption() {
        this(null, null, null, null);
    }

    /**
     * Redeems a sign-in's authorization code at the authority's token endpoint. The answer must carry an ID token; the
     * refresh token is there only when {@code offline_access} was asked for.
     */
    public RedeemedTokens redeem(AuthorizationCode code, CodeVerifier verifier, URI redirectUri, Scope scope,
                                 ProviderMetadata provider) throws FailureException {
        TokenResponse response = send(provider.tokenEndpoint(), new AuthorizationCodeGrant(code, redirectUri, verifier),
                scope, true);
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse ok) || ok.getOIDCTokens().getIDToken() == null) {
            throw new FailureException(FailureCode.ID_TOKEN_MISSING,
                    "The token endpoint returned no ID token; the openid scope must be requested.");
        }
        return new RedeemedTokens(ok.getOIDCTokens().getIDToken(), ok.getOIDCTokens().getAccessToken(),
                ok.getOIDCTokens().getRefreshToken());
    }

    /**
     * Redeems a stored refresh token at its tenant's token endpoint. Entra answers with a new refresh token every time;
     * the caller must store it.
     */
    public Redeemed redeem(String tenantId, RefreshToken token, Scope scope) throws FailureException {
        URI endpoint = tenantTokenEndpoint(metadata.get().tokenEndpoint(), tenantId);
        Instant sent = clock.instant();
        Tokens tokens = send(endpoint, new RefreshTokenGrant(token), scope, false).toSuccessResponse().getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Instant expires = sent.plusSeconds(lifetime > 0 ? lifetime : 3600);
        String granted = tokens.getAccessToken().getScope() != null ? tokens.getAccessToken().getScope().toString()
                : scope.toString();
        return new Redeemed(tokens.getAccessToken(), Optional.ofNullable(tokens.getRefreshToken()), expires, granted);
    }

    /**
     * One token request; answers only a successful response, every other outcome is a failure. Sign-ins' code grants
     * ({@code openId}) are timed: the consent benchmark subtracts that wait from the callback's time.
     */
    private TokenResponse send(URI endpoint, AuthorizationGrant grant, Scope scope, boolean openId) throws FailureException {
        TokenRequest request = new TokenRequest.Builder(endpoint, credentials.forTokenEndpoint(endpoint), grant)
                .scope(scope).build();
        HTTPResponse http;
        long started = System.nanoTime();
        try {
            HTTPRequest httpRequest = request.toHTTPRequest();
            httpRequest.setConnectTimeout(TIMEOUT_MS);
            httpRequest.setReadTimeout(TIMEOUT_MS);
            http = httpRequest.send();
        } catch (IOException e) {
            throw new FailureException(FailureCode.TOKEN_ENDPOINT_UNREACHABLE,
                    "Could not reach the token endpoint " + endpoint + ": " + e.getClass().getSimpleName());
        } finally {
            if (openId) {
                metrics.tokenEndpointCall(Duration.ofNanos(System.nanoTime() - started));
            }
        }
        TokenResponse response;
        try {
            response = openId ? OIDCTokenResponseParser.parse(http) : TokenResponse.parse(http);
        } catch (ParseException e) {
            throw new FailureException(FailureCode.TOKEN_RESPONSE_INVALID,
                    "The token endpoint answered HTTP " + http.getStatusCode() + " with a body that is not a token response.");
        }
        if (!response.indicatesSuccess()) {
            throw new FailureException(EntraErrors.fromTokenEndpoint(response.toErrorResponse().getErrorObject(), json(http)));
        }
        return response;
    }

    /**
     * The token endpoint of one tenant: refresh tokens are redeemed where they were issued, so the multi-tenant
     * ({@code /organizations}) endpoint's authority segment is replaced by the tenant id.
     */
    static URI tenantTokenEndpoint(URI endpoint, String tenantId) {
        if (!SettingsCheck.isGuid(tenantId)) {
            throw new IllegalArgumentException("not a tenant id");
        }
        String path = endpoint.getRawPath();
        if (!AUTHORITY_SEGMENT.matcher(path).find()) {
            return endpoint;
        }
        String tenantPath = AUTHORITY_SEGMENT.matcher(path).replaceFirst("/" + tenantId + "/");
        return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + tenantPath);
    }

    private static JSONObject json(HTTPResponse http) {
        try {
            return http.getContentAsJSONObject();
        } catch (ParseException e) {
            return null;
        }
    }
}
