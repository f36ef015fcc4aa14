package dev.partnerconsent.entra;

import dev.partnerconsent.signin.SignInCookie;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Validates the ID token the way Microsoft's sample does not: signature against the authority's keys,
 * RS256 only, audience, issuer derived from the token's own {@code tid}, lifetime with at most five
 * minutes of clock skew, nonce, and the allowed-tenants list. Each failure has its own catalogue code, so
 * the page can say which check refused the token (the IDX10214-class errors of the .NET world).
 */
@ApplicationScoped
public class IdTokenCheck {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final Settings settings;
    private final SigningKeys signingKeys;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public IdTokenCheck(Settings settings, SigningKeys signingKeys) {
        this.settings = settings;
        this.signingKeys = signingKeys;
    }

    protected IdTokenCheck() {
        this(null, null);
    }

    public JWTClaimsSet validate(JWT idToken, Nonce expectedNonce, ProviderMetadata metadata) throws FailureException {
        if (!(idToken instanceof SignedJWT signed) || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            throw new FailureException("id-token-algorithm", 502, "The ID token is not signed with RS256 (its header says "
                    + idToken.getHeader().getAlgorithm() + "); unsigned or symmetric-key tokens are refused.");
        }
        verifySignature(signed, metadata);
        JWTClaimsSet claims = claims(signed);
        ConsentSettings s = settings.get();

        String clientId = s.clientId().orElseThrow();
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw new FailureException("id-token-audience", 502,
                    "The ID token was issued for audience " + audience + ", not for this app's client id " + clientId + ".");
        }
        String tenantId = stringClaim(claims, "tid");
        if (tenantId == null || !dev.partnerconsent.settings.SettingsCheck.isGuid(tenantId)) {
            throw new FailureException("id-token-issuer", 502, "The ID token carries no tenant id (tid) claim.");
        }
        Issuer expectedIssuer = metadata.issuerFor(tenantId);
        if (!expectedIssuer.getValue().equals(claims.getIssuer())) {
            throw new FailureException("id-token-issuer", 502, "The ID token's issuer is " + claims.getIssuer()
                    + " but a token of tenant " + tenantId + " must be issued by " + expectedIssuer + ".");
        }
        checkLifetime(claims);
        String nonce = stringClaim(claims, "nonce");
        if (nonce == null || !SignInCookie.constantTimeEquals(nonce, expectedNonce.getValue())) {
            throw new FailureException("id-token-nonce", 502, nonce == null
                    ? "The ID token carries no nonce; it does not answer this sign-in."
                    : "The ID token's nonce does not match this sign-in's nonce: it answers another sign-in (a replay or a mix-up).");
        }
        if (!s.allowedTenants().isEmpty() && !s.allowedTenants().contains(tenantId.toLowerCase(Locale.ROOT))) {
            throw new FailureException("tenant-not-allowed", 403, "Tenant " + tenantId
                    + " is not in partnerconsent.allowed-tenants; only the listed partner tenants may store a consent here.");
        }
        return claims;
    }

    private void verifySignature(SignedJWT signed, ProviderMetadata metadata) throws FailureException {
        JWSHeader header = signed.getHeader();
        List<? extends Key> keys;
        try {
            keys = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, signingKeys.forJwksUri(metadata.jwksUri()))
                    .selectJWSKeys(header, null);
        } catch (com.nimbusds.jose.jwk.source.RateLimitReachedException e) {
            // the kid is not in the cached keys and a refetch was made moments ago: forged, or from another authority
            throw new FailureException("id-token-signing-key", 502, "The ID token is signed with key id '" + header.getKeyID()
                    + "', which is not among the authority's keys fetched from " + metadata.jwksUri()
                    + " (refetched less than " + SigningKeys.MIN_REFETCH_INTERVAL_MS / 1000 + " s ago, so not fetched again).");
        } catch (KeySourceException e) {
            throw new FailureException("jwks-unreachable", 502,
                    "The signing keys at " + metadata.jwksUri() + " could not be read: " + e.getClass().getSimpleName());
        }
        if (keys.isEmpty()) {
            throw new FailureException("id-token-signing-key", 502, "The ID token is signed with key id '" + header.getKeyID()
                    + "', which the authority does not publish at " + metadata.jwksUri() + ".");
        }
        for (Key key : keys) {
            try {
                if (signed.verify(new DefaultJWSVerifierFactory().createJWSVerifier(header, key))) {
                    return;
                }
            } catch (JOSEException e) {
                // try the next key with this kid, if any
            }
        }
        throw new FailureException("id-token-signature", 502, "The ID token's signature does not verify with the authority's key '"
                + header.getKeyID() + "': the token was altered or forged.");
    }

    private void checkLifetime(JWTClaimsSet claims) throws FailureException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new FailureException("id-token-lifetime", 502, "The ID token has no exp or iat claim.");
        }
        if (now.minus(MAX_SKEW).isAfter(exp.toInstant())) {
            throw new FailureException("id-token-expired", 502, "The ID token expired at " + exp.toInstant()
                    + "; the server clock says " + now + ".");
        }
        if (iat.toInstant().isAfter(now.plus(MAX_SKEW))) {
            throw new FailureException("id-token-lifetime", 502, "The ID token was issued in the future (" + iat.toInstant()
                    + "; the server clock says " + now + "): check this server's clock (NTP).");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(MAX_SKEW))) {
            throw new FailureException("id-token-lifetime", 502, "The ID token is not valid before " + nbf.toInstant()
                    + "; the server clock says " + now + ".");
        }
    }

    private static JWTClaimsSet claims(SignedJWT signed) throws FailureException {
        try {
            return signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new FailureException("id-token-malformed", 502, "The ID token's claims are not valid JSON.");
        }
    }

    public static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }
}
