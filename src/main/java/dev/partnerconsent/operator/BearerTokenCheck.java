package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.JwtVerifier;
import dev.partnerconsent.entra.ProviderMetadataSource;
import dev.partnerconsent.entra.TokenExpectations;
import dev.partnerconsent.entra.TokenRejected;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an access token sent by automation to the API with the app's one {@link JwtVerifier}: RS256 signature by
 * the authority's published keys (the cached JWKS of the consent flow), issuer of the token's own tenant (v2 template
 * or v1 {@code sts.windows.net}), audience of this app ({@code <client-id>} or {@code api://<client-id>}), lifetime
 * (5 minutes' skew). Then its shape: an access token names the client it was issued to ({@code azp}, v1 {@code appid})
 * and carries {@code scp} or {@code roles}, and never a nonce — an ID token of a sign-in to this app has the same
 * audience and must not open the API. The client must be in {@code partnerconsent.api.allowed-clients} when that is
 * set. The caller's role comes from {@link OperatorSettings#roleOf}.
 */
@ApplicationScoped
public class BearerTokenCheck {

    private final Settings settings;
    private final OperatorSettings operators;
    private final ProviderMetadataSource metadata;
    private final JwtVerifier verifier;
    private final AuditTrail audit;

    @Inject
    public BearerTokenCheck(Settings settings, OperatorSettings operators, ProviderMetadataSource metadata,
                            JwtVerifier verifier, AuditTrail audit) {
        this.audit = audit;
        this.settings = settings;
        this.operators = operators;
        this.metadata = metadata;
        this.verifier = verifier;
    }

    protected BearerTokenCheck() {
        this(null, null, null, null, null);
    }

    /** The calling identity; its role is empty when the token is valid but grants nothing here. */
    public OperatorIdentity check(String token) throws FailureException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw refused("The bearer token is not a signed JWT.");
        }
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(jwt, metadata.get(), TokenExpectations.accessToken(settings.get().clientId().orElseThrow()));
        } catch (TokenRejected e) {
            if (e.check() == TokenRejected.Check.KEYS_UNREACHABLE) {
                throw new FailureException(FailureCode.JWKS_UNREACHABLE, e.getMessage());
            }
            throw refused(e.getMessage());
        }
        if (claims.getClaim("nonce") != null) {
            throw refused(claims, "The bearer token carries a nonce: it is an ID token, not an access token. Request an access "
                    + "token for the scope api://<client id>/.default (client credentials) or a delegated scope of this API.");
        }
        String appId = JwtVerifier.stringClaim(claims, "azp") != null ? JwtVerifier.stringClaim(claims, "azp")
                : JwtVerifier.stringClaim(claims, "appid");
        if (appId == null) {
            throw refused(claims, "The bearer token names no client (azp or appid claim): it is not an access token.");
        }
        Object roles = claims.getClaim("roles");
        if (claims.getClaim("scp") == null && !(roles instanceof List<?>)) {
            throw refused(claims, "The bearer token carries neither scp nor roles: it is not an access token for this API.");
        }
        Set<String> allowed = settings.get().operators().apiClients();
        if (!allowed.isEmpty() && !allowed.contains(appId.toLowerCase(Locale.ROOT))) {
            throw new FailureException(FailureCode.OPERATOR_FORBIDDEN, "The bearer token was issued to client " + appId
                    + ", which is not in partnerconsent.api.allowed-clients.");
        }
        String tenant = JwtVerifier.stringClaim(claims, "tid");
        String oid = claims.getClaim("oid") instanceof String o ? o : appId;
        String upn = claims.getClaim("upn") instanceof String u ? u : null;
        Optional<OperatorRole> role = operators.roleOf(tenant, oid, roles instanceof List<?> list ? list : List.of());
        return new OperatorIdentity(upn != null ? "user" : "app", oid, upn != null ? upn : "app " + appId, tenant, role,
                Optional.of(appId.toLowerCase(Locale.ROOT)), "", claims.getExpirationTime().toInstant());
    }

    /**
     * A refusal of a token Entra signed for this app but of the wrong kind (an ID token, a token without a client or a
     * role): its signature names who holds it, so it is an audit row; a token failing its signature is not (anyone could
     * fill the trail with those).
     */
    private FailureException refused(JWTClaimsSet claims, String detail) {
        String name = Optional.ofNullable(JwtVerifier.stringClaim(claims, "preferred_username"))
                .or(() -> Optional.ofNullable(JwtVerifier.stringClaim(claims, "upn")))
                .or(() -> Optional.ofNullable(JwtVerifier.stringClaim(claims, "azp")).map(a -> "app " + a))
                .orElse("subject " + claims.getSubject());
        String id = Optional.ofNullable(JwtVerifier.stringClaim(claims, "oid")).orElse(claims.getSubject());
        audit.record(AuditEvent.of(AuditKind.OPERATOR_REFUSED, name + " (" + id + ", tenant "
                + JwtVerifier.stringClaim(claims, "tid") + ")", null, FailureCode.OPERATOR_TOKEN_INVALID.code()
                + " (bearer token): " + detail));
        return refused(detail);
    }

    private static FailureException refused(String detail) {
        return new FailureException(FailureCode.OPERATOR_TOKEN_INVALID, detail);
    }
}
