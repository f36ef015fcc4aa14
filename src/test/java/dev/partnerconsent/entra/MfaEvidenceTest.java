package dev.partnerconsent.entra;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MFA evidence: the ID token's amr, else the Partner Center access token's (v2 ID tokens may lack amr). */
class MfaEvidenceTest {

    private static BearerAccessToken accessToken(List<String> amr) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().audience("https://api.partnercenter.microsoft.com").claim("amr", amr).build());
        jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef"));
        return new BearerAccessToken(jwt.serialize());
    }

    @Test
    void idTokenFirstThenAccessTokenThenNone() throws Exception {
        JWTClaimsSet withMfa = new JWTClaimsSet.Builder().claim("amr", List.of("pwd", "mfa")).build();
        JWTClaimsSet withoutAmr = new JWTClaimsSet.Builder().build();
        JWTClaimsSet passwordOnly = new JWTClaimsSet.Builder().claim("amr", List.of("pwd")).build();
        assertEquals("id_token", MfaEvidence.find(withMfa, null));
        assertEquals("access_token", MfaEvidence.find(withoutAmr, accessToken(List.of("pwd", "mfa"))));
        assertEquals("none", MfaEvidence.find(passwordOnly, accessToken(List.of("pwd"))));
        assertEquals("none", MfaEvidence.find(withoutAmr, new BearerAccessToken("opaque-token-value")));
        assertEquals("none", MfaEvidence.find(withoutAmr, null));
    }
}
