package dev.partnerconsent.operator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SettingsCheck;
import dev.partnerconsent.entra.ProviderMetadata;
import dev.partnerconsent.entra.ProviderMetadataSource;
import dev.partnerconsent.entra.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks an access token sent by automation to the API: RS256 signature by the authority's published keys (the
 * cached JWKS of the consent flow), issuer of the token's own tenant (v2 template or v1 {@code sts.windows.net}),
 * audience of this app ({@code <client-id>} or {@code api://<client-id>}), lifetime (5 minutes' skew), a tenant listed
 * in {@code partnerconsent.operator-tenants}, and the {@code PartnerConsent.Admin} role.
 */
@ApplicationScoped
public class BearerTokenCheck {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final Settings settings;
    private final OperatorSettings operators;
    private final ProviderMetadataSource metadata;
    private final SigningKeys signingKeys;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public BearerTokenCheck(Settings settings, OperatorSettings operators, ProviderMetadataSource metadata,
                            SigningKeys signingKeys) {
        this.settings = settings;
        this.operators = operators;
        this.metadata = metadata;
        this.signingKeys = signingKeys;
    }

    protected BearerTokenCheck() {
        this(null, null, null, null);
    }

    /** The calling identity; {@code operator} is false when the token is valid but lacks the role. */
    public OperatorIdentity check(String token) throws FailureException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("The bearer token is not a signed JWT.");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw refused("The bearer token is not signed with RS256.");
        }
        ProviderMetadata provider = metadata.get();
        verify(jwt, provider);
        String tenant = claims.getClaim("tid") instanceof String t ? t : null;
        if (tenant == null || !SettingsCheck.isGuid(tenant)) {
            throw refused("The bearer token carries no tenant id (tid).");
        }
        String issuer = claims.getIssuer();
        if (!provider.issuerFor(tenant).getValue().equals(issuer) && !("https://sts.windows.net/" + tenant + "/").equals(issuer)) {
            throw refused("The bearer token's issuer " + issuer + " is not Entra ID's issuer for tenant " + tenant + ".");
        }
        String clientId = settings.get().clientId().orElseThrow();
        List<String> audience = claims.getAudience();
        if (audience == null || !(audience.contains(clientId) || audience.contains("api://" + clientId))) {
            throw refused("The bearer token was issued for " + audience + ", not for this app (" + clientId + " or api://"
                    + clientId + "): request the scope api://" + clientId + "/.default.");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || now.minus(MAX_SKEW).isAfter(exp.toInstant())) {
            throw refused("The bearer token has expired" + (exp == null ? "" : " (at " + exp.toInstant() + ")") + ".");
        }
        if (nbf != null && nbf.toInstant().isAfter(now.plus(MAX_SKEW))) {
            throw refused("The bearer token is not valid before " + nbf.toInstant() + ".");
        }
        String appId = claims.getClaim("appid") instanceof String a ? a
                : claims.getClaim("azp") instanceof String z ? z : "?";
        String oid = claims.getClaim("oid") instanceof String o ? o : appId;
        String upn = claims.getClaim("upn") instanceof String u ? u : null;
        Object roles = claims.getClaim("roles");
        boolean hasRole = roles instanceof List<?> list && list.contains(OperatorSettings.ADMIN_ROLE);
        boolean operator = hasRole && operators.honoursRolesOf(tenant);
        return new OperatorIdentity(upn != null ? "user" : "app", oid, upn != null ? upn : "app " + appId, tenant, operator,
                "", exp.toInstant());
    }

    private void verify(SignedJWT jwt, ProviderMetadata provider) throws FailureException {
        List<? extends Key> keys;
        try {
            keys = new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.RS256,
                    signingKeys.forJwksUri(provider.jwksUri())).selectJWSKeys(jwt.getHeader(), null);
        } catch (KeySourceException e) {
            throw new FailureException("jwks-unreachable", 502, "The signing keys at " + provider.jwksUri()
                    + " could not be read: " + e.getClass().getSimpleName());
        }
        for (Key key : keys) {
            try {
                if (jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key))) {
                    return;
                }
            } catch (JOSEException e) {
                // next key
            }
        }
        throw refused("The bearer token's signature does not verify with the authority's published keys.");
    }

    private static FailureException refused(String detail) {
        return new FailureException("operator-token-invalid", 401, detail);
    }
}
