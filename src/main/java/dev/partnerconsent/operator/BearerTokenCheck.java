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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.util.List;

/**
 * Checks an access token sent by automation to the API with the app's one {@link JwtVerifier}: RS256 signature by
 * the authority's published keys (the cached JWKS of the consent flow), issuer of the token's own tenant (v2 template
 * or v1 {@code sts.windows.net}), audience of this app ({@code <client-id>} or {@code api://<client-id>}), lifetime
 * (5 minutes' skew); then a tenant listed in {@code partnerconsent.operator-tenants} and the
 * {@code PartnerConsent.Admin} role.
 */
@ApplicationScoped
public class BearerTokenCheck {

    private final Settings settings;
    private final OperatorSettings operators;
    private final ProviderMetadataSource metadata;
    private final JwtVerifier verifier;

    @Inject
    public BearerTokenCheck(Settings settings, OperatorSettings operators, ProviderMetadataSource metadata,
                            JwtVerifier verifier) {
        this.settings = settings;
        this.operators = operators;
        this.metadata = metadata;
        this.verifier = verifier;
    }

    protected BearerTokenCheck() {
        this(null, null, null, null);
    }

    /** The calling identity; {@code operator} is false when the token is valid but lacks the role. */
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
        String tenant = JwtVerifier.stringClaim(claims, "tid");
        String appId = claims.getClaim("appid") instanceof String a ? a
                : claims.getClaim("azp") instanceof String z ? z : "?";
        String oid = claims.getClaim("oid") instanceof String o ? o : appId;
        String upn = claims.getClaim("upn") instanceof String u ? u : null;
        Object roles = claims.getClaim("roles");
        boolean hasRole = roles instanceof List<?> list && list.contains(OperatorSettings.ADMIN_ROLE);
        boolean operator = hasRole && operators.honoursRolesOf(tenant);
        return new OperatorIdentity(upn != null ? "user" : "app", oid, upn != null ? upn : "app " + appId, tenant, operator,
                "", claims.getExpirationTime().toInstant());
    }

    private static FailureException refused(String detail) {
        return new FailureException(FailureCode.OPERATOR_TOKEN_INVALID, detail);
    }
}
