package dev.partnerconsent.entra;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.net.URI;

/** Redeems the authorization code, with the PKCE verifier, at the token endpoint. */
@ApplicationScoped
public class CodeRedemption {

    static final int TIMEOUT_MS = 15_000;

    private final Settings settings;
    private final ClientCredentials credentials;
    private final ConsentMetrics metrics;

    @Inject
    public CodeRedemption(Settings settings, ClientCredentials credentials, ConsentMetrics metrics) {
        this.settings = settings;
        this.credentials = credentials;
        this.metrics = metrics;
    }

    protected CodeRedemption() {
        this(null, null, null);
    }

    public RedeemedTokens redeem(AuthorizationCode code, CodeVerifier verifier, ProviderMetadata metadata)
            throws FailureException {
        ConsentSettings s = settings.get();
        URI tokenEndpoint = metadata.tokenEndpoint();
        TokenRequest request = new TokenRequest.Builder(tokenEndpoint, credentials.forTokenEndpoint(tokenEndpoint),
                new AuthorizationCodeGrant(code, s.redirectUri().orElseThrow(), verifier))
                .scope(s.scopes())
                .build();
        HTTPResponse http;
        long started = System.nanoTime();
        try {
            HTTPRequest httpRequest = request.toHTTPRequest();
            httpRequest.setConnectTimeout(TIMEOUT_MS);
            httpRequest.setReadTimeout(TIMEOUT_MS);
            http = httpRequest.send();
            metrics.tokenEndpointCall(java.time.Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            metrics.tokenEndpointCall(java.time.Duration.ofNanos(System.nanoTime() - started));
            throw new FailureException("token-endpoint-unreachable", 502,
                    "Could not reach the token endpoint " + tokenEndpoint + ": " + e.getClass().getSimpleName());
        }
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http);
        } catch (ParseException e) {
            throw new FailureException("token-response-invalid", 502,
                    "The token endpoint answered HTTP " + http.getStatusCode() + " with a body that is not a token response.");
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            throw new FailureException(EntraErrors.fromTokenEndpoint(error.getErrorObject(), jsonOrNull(http)));
        }
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse ok) || ok.getOIDCTokens().getIDToken() == null) {
            throw new FailureException("id-token-missing", 502, "The token endpoint returned no ID token; the openid scope must be requested.");
        }
        if (ok.getOIDCTokens().getRefreshToken() == null) {
            throw new FailureException("refresh-token-missing", 502,
                    "The token endpoint returned no refresh token; the offline_access scope must be in partnerconsent.scopes.");
        }
        return new RedeemedTokens(ok.getOIDCTokens().getIDToken(), ok.getOIDCTokens().getAccessToken(),
                ok.getOIDCTokens().getRefreshToken());
    }

    private static JSONObject jsonOrNull(HTTPResponse http) {
        try {
            return http.getContentAsJSONObject();
        } catch (ParseException e) {
            return null;
        }
    }
}
