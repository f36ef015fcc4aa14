package dev.partnerconsent.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import dev.partnerconsent.entra.TokenRejected.Check;
import dev.partnerconsent.settings.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The one JWT verifier: ID tokens of the consent and the operator sign-in, and the API's bearer tokens. Nimbus'
 * {@link DefaultJWTProcessor} checks the RS256 signature against the authority's published keys ({@link SigningKeys}:
 * cached, refetched once for an unknown {@code kid}), then {@link Claims} checks audience (and for ID tokens no
 * untrusted audience and the {@code azp}), issuer of the token's own tenant, subject, lifetime (five minutes' skew, on
 * the injected clock) and nonce: for ID tokens every claim OpenID Connect Core 1.0 §2 marks REQUIRED (iss, sub, aud,
 * exp, iat) and the steps of §3.1.3.7 that apply to a confidential client using RS256 — composed as Nimbus' own
 * {@code IDTokenValidator} composes its processor, except that the issuer depends on the token's {@code tid}.
 * Every refusal says which check failed ({@link TokenRejected.Check}).
 */
@ApplicationScoped
public class JwtVerifier {

    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

    private final SigningKeys signingKeys;
    private final Clock clock;

    @Inject
    public JwtVerifier(SigningKeys signingKeys, Clock clock) {
        this.signingKeys = signingKeys;
        this.clock = clock;
    }

    protected JwtVerifier() {
        this(null, null);
    }

    /** The token's claims, once every check passed. */
    public JWTClaimsSet verify(JWT token, ProviderMetadata provider, TokenExpectations expected) throws TokenRejected {
        String noun = expected.noun();
        // Before the processor: it would call a wrong algorithm "no matching key", and we want to say which it was
        if (!(token instanceof SignedJWT signed) || !ALGORITHM.equals(signed.getHeader().getAlgorithm())) {
            throw new TokenRejected(Check.ALGORITHM, noun + " is not signed with RS256 (its header says "
                    + token.getHeader().getAlgorithm() + "); unsigned or symmetric-key tokens are refused.");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new PublishedKeys(
                new JWSVerificationKeySelector<>(ALGORITHM, signingKeys.forJwksUri(provider.jwksUri()))));
        processor.setJWTClaimsSetVerifier(new Claims(expected, provider, clock.instant()));
        JWSHeader header = signed.getHeader();
        URI jwks = provider.jwksUri();
        try {
            return processor.process(signed, null);
        } catch (Claims.Refused e) {
            throw e.rejection;
        } catch (BadJWTException e) {
            throw new TokenRejected(Check.MALFORMED, noun + "'s claims are not valid JSON.");
        } catch (PublishedKeys.Unknown e) {
            throw new TokenRejected(Check.SIGNING_KEY, noun + " is signed with key id '" + header.getKeyID()
                    + "', which the authority does not publish at " + jwks + ".");
        } catch (RateLimitReachedException e) {
            // the kid is not in the cached keys and a refetch was made moments ago: forged, or from another authority
            throw new TokenRejected(Check.SIGNING_KEY, noun + " is signed with key id '" + header.getKeyID()
                    + "', which is not among the authority's keys fetched from " + jwks + " (refetched less than "
                    + SigningKeys.MIN_REFETCH_INTERVAL_MS / 1000 + " s ago, so not fetched again).");
        } catch (KeySourceException e) {
            throw new TokenRejected(Check.KEYS_UNREACHABLE,
                    "The signing keys at " + jwks + " could not be read: " + e.getClass().getSimpleName());
        } catch (BadJOSEException | JOSEException e) {
            throw new TokenRejected(Check.SIGNATURE, noun + "'s signature does not verify with the authority's key '"
                    + header.getKeyID() + "': the token was altered or forged.");
        }
    }

    /** Compares two secrets' text in constant time. */
    public static boolean constantTimeEquals(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The published keys for the token's kid; none is its own failure, not the processor's generic one. */
    private record PublishedKeys(JWSVerificationKeySelector<SecurityContext> keys) implements JWSKeySelector<SecurityContext> {

        static final class Unknown extends KeySourceException {
            private static final long serialVersionUID = 1L;

            Unknown() {
                super("no published key for this kid");
            }
        }

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            List<? extends Key> found = keys.selectJWSKeys(header, context);
            if (found.isEmpty()) {
                throw new Unknown();
            }
            return found;
        }
    }

    /** The claims' checks, in the order their failures are reported. */
    private record Claims(TokenExpectations expected, ProviderMetadata provider, Instant now)
            implements JWTClaimsSetVerifier<SecurityContext> {

        /** Carries the rejection through the processor, which only lets a BadJWTException out of a claims check. */
        static final class Refused extends BadJWTException {
            private static final long serialVersionUID = 1L;
            final transient TokenRejected rejection;

            Refused(Check check, String detail) {
                super(detail);
                this.rejection = new TokenRejected(check, detail);
            }
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            String noun = expected.noun();
            List<String> audience = claims.getAudience();
            if (audience == null || audience.isEmpty()) {
                throw new Refused(Check.AUDIENCE, noun + " carries no audience (aud) claim.");
            }
            if (expected.audiences().stream().noneMatch(audience::contains)) {
                throw new Refused(Check.AUDIENCE, noun + " was issued for audience " + audience + ", not for this app ("
                        + String.join(" or ", expected.audiences()) + ")" + expected.audienceHint() + ".");
            }
            if (expected.idToken()) {
                authorizedParty(claims, audience, noun);
            }
            String tenantId = stringClaim(claims, "tid");
            if (tenantId == null) {
                throw new Refused(Check.ISSUER, noun + " carries no tenant id (tid) claim.");
            }
            if (!SettingsCheck.isGuid(tenantId)) {
                throw new Refused(Check.ISSUER, noun + "'s tenant id (tid) is not a GUID, so no issuer can be derived from it.");
            }
            String issuer = claims.getIssuer();
            if (issuer == null) {
                throw new Refused(Check.ISSUER, noun + " carries no issuer (iss) claim.");
            }
            String expectedIssuer = provider.issuerFor(tenantId).getValue();
            boolean v1 = expected.v1IssuerAccepted() && ("https://sts.windows.net/" + tenantId + "/").equals(issuer);
            if (!expectedIssuer.equals(issuer) && !v1) {
                throw new Refused(Check.ISSUER, noun + "'s issuer is " + issuer + " but a token of tenant " + tenantId
                        + " must be issued by " + expectedIssuer + ".");
            }
            if (expected.idToken() && (claims.getSubject() == null || claims.getSubject().isBlank())) {
                throw new Refused(Check.SUBJECT, noun + " carries no subject (sub) claim, which OpenID Connect requires: "
                        + "it does not say whom it is about.");
            }
            lifetime(claims, noun);
            if (expected.idToken()) {
                String nonce = stringClaim(claims, "nonce");
                if (!constantTimeEquals(nonce, expected.nonce().getValue())) {
                    throw new Refused(Check.NONCE, nonce == null
                            ? noun + " carries no nonce; it does not answer this sign-in."
                            : noun + "'s nonce does not match this sign-in's nonce: it answers another sign-in (a replay or a mix-up).");
                }
            }
        }

        /**
         * OpenID Connect Core §3.1.3.7 steps 3–5: no audience this app does not trust (it trusts only itself), and an
         * {@code azp}, required when there are several audiences, naming this app.
         */
        private void authorizedParty(JWTClaimsSet claims, List<String> audience, String noun) throws Refused {
            List<String> untrusted = audience.stream().filter(a -> !expected.audiences().contains(a)).toList();
            if (!untrusted.isEmpty()) {
                throw new Refused(Check.AUDIENCE, noun + " is also issued for " + untrusted + ", audiences this app does "
                        + "not trust.");
            }
            String azp = stringClaim(claims, "azp");
            if (azp == null && audience.size() > 1) {
                throw new Refused(Check.AUDIENCE, noun + " has several audiences but no authorized party (azp) claim.");
            }
            if (azp != null && !expected.audiences().contains(azp)) {
                throw new Refused(Check.AUDIENCE, noun + "'s authorized party (azp) is " + azp + ", not this app ("
                        + String.join(" or ", expected.audiences()) + ").");
            }
        }

        private void lifetime(JWTClaimsSet claims, String noun) throws Refused {
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            // an access token without iat is still bounded by its exp; an ID token must carry both
            if (exp == null) {
                throw new Refused(Check.LIFETIME, noun + " carries no expiry (exp) claim.");
            }
            if (iat == null && expected.idToken()) {
                throw new Refused(Check.LIFETIME, noun + " carries no issued-at (iat) claim.");
            }
            if (now.minus(MAX_SKEW).isAfter(exp.toInstant())) {
                throw new Refused(Check.EXPIRED, noun + " expired at " + exp.toInstant() + "; the server clock says " + now + ".");
            }
            if (iat != null && iat.toInstant().isAfter(now.plus(MAX_SKEW))) {
                throw new Refused(Check.LIFETIME, noun + " was issued in the future (" + iat.toInstant()
                        + "; the server clock says " + now + "): check this server's clock (NTP).");
            }
            Date nbf = claims.getNotBeforeTime();
            if (nbf != null && nbf.toInstant().isAfter(now.plus(MAX_SKEW))) {
                throw new Refused(Check.LIFETIME, noun + " is not valid before " + nbf.toInstant()
                        + "; the server clock says " + now + ".");
            }
        }
    }

    /** A claim's value if it is a string, else null. */
    public static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }
}
