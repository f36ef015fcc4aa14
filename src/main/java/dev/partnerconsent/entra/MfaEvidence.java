package dev.partnerconsent.entra;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.token.AccessToken;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * Whether the sign-in used multi-factor authentication: {@code amr} contains {@code mfa} in the ID token or,
 * since v2 ID tokens may omit {@code amr}, in the Partner Center access token (a v1 JWT that carries it).
 * The access token came straight from the token endpoint over TLS, so its claims are read without
 * verifying its signature (it is meant for Partner Center, not for us).
 */
public final class MfaEvidence {

    private MfaEvidence() {
    }

    /** {@code id_token}, {@code access_token}, or {@code none}. */
    public static String find(JWTClaimsSet idTokenClaims, AccessToken accessToken) {
        if (hasMfa(idTokenClaims)) {
            return "id_token";
        }
        return accessToken != null && inAccessToken(accessToken).orElse(false) ? "access_token" : "none";
    }

    /**
     * Whether an access token Entra issued says MFA was used: every token the app obtains is checked here (consent,
     * keep-alive, access check, token use). Empty for an opaque token, which carries no claims to read.
     */
    public static Optional<Boolean> inAccessToken(AccessToken accessToken) {
        try {
            return Optional.of(hasMfa(JWTParser.parse(accessToken.getValue()).getJWTClaimsSet()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static boolean hasMfa(JWTClaimsSet claims) {
        Object amr = claims.getClaim("amr");
        return amr instanceof List<?> list && list.contains("mfa");
    }
}
