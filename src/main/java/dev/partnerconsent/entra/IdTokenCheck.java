package dev.partnerconsent.entra;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Checks what a sign-in through this app redeemed, for the consent and the operator sign-in alike: the ID token by
 * {@link JwtVerifier} (signature against the authority's keys, RS256 only, audience, issuer derived from the token's
 * own {@code tid}, lifetime, nonce), and where MFA is evidenced ({@link MfaEvidence}). What to do without MFA, or with
 * a tenant outside a list, is each flow's own policy. Each refusal has its own catalogue code, so the page can say
 * which check refused the token (the IDX10214-class errors of the .NET world).
 */
@ApplicationScoped
public class IdTokenCheck {

    private final Settings settings;
    private final JwtVerifier verifier;

    @Inject
    public IdTokenCheck(Settings settings, JwtVerifier verifier) {
        this.settings = settings;
        this.verifier = verifier;
    }

    protected IdTokenCheck() {
        this(null, null);
    }

    public SignedInUser validate(RedeemedTokens tokens, Nonce expectedNonce, ProviderMetadata metadata)
            throws FailureException {
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(tokens.idToken(), metadata,
                    TokenExpectations.idToken(settings.get().clientId().orElseThrow(), expectedNonce));
        } catch (TokenRejected e) {
            throw new FailureException(code(e.check()), e.getMessage());
        }
        List<String> roles = strings(claims, "roles");
        return new SignedInUser(JwtVerifier.stringClaim(claims, "tid"),
                Optional.ofNullable(JwtVerifier.stringClaim(claims, "oid")).orElse(""),
                Optional.ofNullable(JwtVerifier.stringClaim(claims, "preferred_username"))
                        .or(() -> Optional.ofNullable(JwtVerifier.stringClaim(claims, "upn"))).orElse(""),
                Optional.ofNullable(JwtVerifier.stringClaim(claims, "name")).orElse(""),
                roles, strings(claims, "wids"), MfaEvidence.find(claims, tokens.accessToken()), authTime(claims));
    }

    private static List<String> strings(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof List<?> list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
    }

    /** The ID token's per-check failure codes. */
    static FailureCode code(TokenRejected.Check check) {
        return switch (check) {
            case ALGORITHM -> FailureCode.ID_TOKEN_ALGORITHM;
            case MALFORMED -> FailureCode.ID_TOKEN_MALFORMED;
            case SIGNING_KEY -> FailureCode.ID_TOKEN_SIGNING_KEY;
            case KEYS_UNREACHABLE -> FailureCode.JWKS_UNREACHABLE;
            case SIGNATURE -> FailureCode.ID_TOKEN_SIGNATURE;
            case AUDIENCE -> FailureCode.ID_TOKEN_AUDIENCE;
            case ISSUER -> FailureCode.ID_TOKEN_ISSUER;
            case SUBJECT -> FailureCode.ID_TOKEN_SUBJECT;
            case LIFETIME -> FailureCode.ID_TOKEN_LIFETIME;
            case EXPIRED -> FailureCode.ID_TOKEN_EXPIRED;
            case NONCE -> FailureCode.ID_TOKEN_NONCE;
        };
    }

    /** {@code auth_time}: seconds since the epoch, as OpenID Connect has it; absent or unreadable is empty. */
    private static java.util.Optional<java.time.Instant> authTime(com.nimbusds.jwt.JWTClaimsSet claims) {
        return claims.getClaim("auth_time") instanceof Number n
                ? java.util.Optional.of(java.time.Instant.ofEpochSecond(n.longValue())) : java.util.Optional.empty();
    }
}
