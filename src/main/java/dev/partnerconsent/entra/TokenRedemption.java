package dev.partnerconsent.entra;

import dev.partnerconsent.entra.Redeemed;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.ClientCredentials;
import dev.partnerconsent.entra.EntraErrors;
import dev.partnerconsent.entra.ProviderMetadataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Redeems a stored refresh token at its tenant's token endpoint (the refresh_token grant), authenticating as this
 * app the same way the consent flow does. Entra answers with a new refresh token every time; the caller must store it.
 */
@ApplicationScoped
public class TokenRedemption {

    static final int TIMEOUT_MS = 15_000;
    private static final Pattern AUTHORITY_SEGMENT = Pattern.compile(
            "^/(organizations|common|consumers|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/");

    private final ProviderMetadataSource metadata;
    private final ClientCredentials credentials;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public TokenRedemption(ProviderMetadataSource metadata, ClientCredentials credentials) {
        this.metadata = metadata;
        this.credentials = credentials;
    }

    protected TokenRedemption() {
        this(null, null);
    }

    public Redeemed redeem(String tenantId, RefreshToken token, Scope scope) throws FailureException {
        URI endpoint = tenantTokenEndpoint(metadata.get().tokenEndpoint(), tenantId);
        TokenRequest request = new TokenRequest.Builder(endpoint, credentials.forTokenEndpoint(endpoint),
                new RefreshTokenGrant(token)).scope(scope).build();
        Instant sent = clock.instant();
        HTTPResponse http;
        try {
            HTTPRequest httpRequest = request.toHTTPRequest();
            httpRequest.setConnectTimeout(TIMEOUT_MS);
            httpRequest.setReadTimeout(TIMEOUT_MS);
            http = httpRequest.send();
        } catch (IOException e) {
            throw new FailureException("token-endpoint-unreachable", 502,
                    "Could not reach the token endpoint " + endpoint + ": " + e.getClass().getSimpleName());
        }
        TokenResponse response;
        try {
            response = TokenResponse.parse(http);
        } catch (ParseException e) {
            throw new FailureException("token-response-invalid", 502,
                    "The token endpoint answered HTTP " + http.getStatusCode() + " with a body that is not a token response.");
        }
        if (!response.indicatesSuccess()) {
            throw new FailureException(EntraErrors.fromTokenEndpoint(response.toErrorResponse().getErrorObject(), json(http)));
        }
        AccessTokenResponse ok = response.toSuccessResponse();
        Tokens tokens = ok.getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Instant expires = sent.plusSeconds(lifetime > 0 ? lifetime : 3600);
        String granted = tokens.getAccessToken().getScope() != null ? tokens.getAccessToken().getScope().toString()
                : scope.toString();
        return new Redeemed(tokens.getAccessToken(), Optional.ofNullable(tokens.getRefreshToken()), expires, granted);
    }

    /**
     * The token endpoint of one tenant: refresh tokens are redeemed where they were issued, so the multi-tenant
     * ({@code /organizations}) endpoint's authority segment is replaced by the tenant id.
     */
    static URI tenantTokenEndpoint(URI endpoint, String tenantId) {
        if (!dev.partnerconsent.settings.SettingsCheck.isGuid(tenantId)) {
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
