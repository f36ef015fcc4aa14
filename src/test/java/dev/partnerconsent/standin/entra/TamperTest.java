package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static dev.partnerconsent.standin.entra.EntraFlows.CLIENT_SECRET;
import static dev.partnerconsent.standin.entra.EntraFlows.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StandInExtension.class)
class TamperTest {

    /** Why Nimbus refuses each: proves the token fails on the spoiled property, not by accident. */
    private static final Map<IdTokenTamper, String> REASONS = Map.ofEntries(
            Map.entry(IdTokenTamper.BAD_SIGNATURE, "Signed JWT rejected: Invalid signature"),
            Map.entry(IdTokenTamper.ALG_NONE, "Signed ID token expected"),
            Map.entry(IdTokenTamper.HS256_WITH_SECRET, "Signed JWT rejected: Another algorithm expected"),
            Map.entry(IdTokenTamper.UNKNOWN_KID, "Signed JWT rejected: Another algorithm expected, or no matching key"),
            Map.entry(IdTokenTamper.WRONG_AUD, "Unexpected JWT audience"),
            Map.entry(IdTokenTamper.WRONG_ISS, "Unexpected JWT issuer: https://sts.windows.net/"),
            Map.entry(IdTokenTamper.ISSUER_OF_OTHER_TENANT, "Unexpected JWT issuer: http://127.0.0.1:"),
            Map.entry(IdTokenTamper.EXPIRED, "Expired JWT"),
            Map.entry(IdTokenTamper.IAT_IN_FUTURE, "JWT issue time ahead of current time"),
            Map.entry(IdTokenTamper.WRONG_NONCE, "Unexpected JWT nonce"),
            Map.entry(IdTokenTamper.MISSING_NONCE, "Missing JWT nonce"));

    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;

    /** The spoilings Nimbus' validator is the reference for; the others are checked claim by claim below. */
    @ParameterizedTest
    @EnumSource(value = IdTokenTamper.class, names = {"BAD_SIGNATURE", "ALG_NONE", "HS256_WITH_SECRET", "UNKNOWN_KID",
            "WRONG_AUD", "WRONG_ISS", "ISSUER_OF_OTHER_TENANT", "EXPIRED", "IAT_IN_FUTURE", "WRONG_NONCE", "MISSING_NONCE"})
    void theValidatorRefusesEachSpoiledIdTokenAndAcceptsTheUnspoiledOne(IdTokenTamper kind) throws Exception {
        IDTokenValidator validator = flows.validator(TENANT);
        EntraFlows.Started clean = flows.start("organizations");
        OIDCTokens cleanTokens = success(flows.redeem("organizations",
                flows.signIn(clean, ADMIN, TENANT, true), clean.verifier()));
        EntraFlows.validate(validator, cleanTokens.getIDTokenString(), clean.nonce());

        entra.script(kind == IdTokenTamper.HS256_WITH_SECRET ? TamperRule.hs256(CLIENT_SECRET) : TamperRule.of(kind));
        EntraFlows.Started started = flows.start("organizations");
        OIDCTokens tokens = success(flows.redeem("organizations",
                flows.signIn(started, ADMIN, TENANT, true), started.verifier()));

        BadJOSEException refused = assertThrows(BadJOSEException.class,
                () -> EntraFlows.validate(validator, tokens.getIDTokenString(), started.nonce()), kind.name());
        assertTrue(refused.getMessage().startsWith(REASONS.get(kind)), refused.getMessage());
        assertEquals(List.of(LocalEntraId.PARTNER_CENTER_AUDIENCE),
                SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getAudience(),
                "the rest of the response is normal");
        assertTrue(entra.issuedSecrets().contains(tokens.getIDTokenString()), "spoiled tokens are accounted for too");
    }

    /** Each of these spoils exactly the claim it names and leaves the signature valid. */
    @ParameterizedTest
    @EnumSource(value = IdTokenTamper.class, names = {"ONLY_IAT_IN_FUTURE", "ONLY_NBF_IN_FUTURE", "MISSING_ISS", "MISSING_SUB",
            "MISSING_AUD", "MISSING_EXP", "MISSING_IAT", "MISSING_TID", "NON_GUID_TID", "EXTRA_AUDIENCE", "WRONG_AZP",
            "MALFORMED_CLAIMS"})
    void eachClaimSpoilingChangesOnlyItsClaim(IdTokenTamper kind) throws Exception {
        entra.script(TamperRule.of(kind));
        EntraFlows.Started started = flows.start("organizations");
        OIDCTokens tokens = success(flows.redeem("organizations",
                flows.signIn(started, ADMIN, TENANT, true), started.verifier()));
        SignedJWT jwt = SignedJWT.parse(tokens.getIDTokenString());
        assertTrue(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
                entra.publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())), "signed by the published key");
        if (kind == IdTokenTamper.MALFORMED_CLAIMS) {
            assertThrows(java.text.ParseException.class, jwt::getJWTClaimsSet);
            return;
        }
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        java.time.Instant soon = java.time.Instant.now().plusSeconds(300);
        boolean spoiled = switch (kind) {
            case ONLY_IAT_IN_FUTURE -> c.getIssueTime().toInstant().isAfter(soon) && !c.getNotBeforeTime().toInstant().isAfter(soon);
            case ONLY_NBF_IN_FUTURE -> c.getNotBeforeTime().toInstant().isAfter(soon) && !c.getIssueTime().toInstant().isAfter(soon);
            case MISSING_ISS -> c.getIssuer() == null;
            case MISSING_SUB -> c.getSubject() == null;
            case MISSING_AUD -> c.getAudience().isEmpty();
            case MISSING_EXP -> c.getExpirationTime() == null;
            case MISSING_IAT -> c.getIssueTime() == null;
            case MISSING_TID -> c.getClaim("tid") == null;
            case NON_GUID_TID -> !c.getStringClaim("tid").matches("[0-9a-f-]{36}");
            case EXTRA_AUDIENCE -> c.getAudience().size() == 2 && c.getClaim("azp") == null;
            case WRONG_AZP -> c.getStringClaim("azp") != null && c.getAudience().size() == 1
                    && !c.getAudience().contains(c.getStringClaim("azp"));
            default -> false;
        };
        assertTrue(spoiled, kind + ": " + c.toJSONObject());
        assertEquals(started.nonce().getValue(), c.getStringClaim("nonce"), "the rest of the token is normal");
    }

    /** The case a naive "{tenantid}" check misses: issuer and tid disagree, both well-formed. */
    @Test
    void anIssuerOfAnotherTenantFailsTheTemplateCheck() throws Exception {
        entra.script(TamperRule.of(IdTokenTamper.ISSUER_OF_OTHER_TENANT));
        EntraFlows.Started started = flows.start("organizations");
        OIDCTokens tokens = success(flows.redeem("organizations",
                flows.signIn(started, ADMIN, TENANT, true), started.verifier()));

        JWTClaimsSet claims = JWTParser.parse(tokens.getIDTokenString()).getJWTClaimsSet();
        String expectedIssuer = (entra.baseUrl() + "/{tenantid}/v2.0").replace("{tenantid}",
                claims.getStringClaim("tid"));
        assertNotEquals(expectedIssuer, claims.getIssuer());
        assertTrue(claims.getIssuer().startsWith(entra.baseUrl() + "/") && claims.getIssuer().endsWith("/v2.0"));
        assertEquals(new Issuer(expectedIssuer), flows.validator(TENANT).getExpectedIssuer());
    }

    @Test
    void aOneShotTamperSpoilsOneTokenOnlyAndStagesAreSeparate() throws Exception {
        IDTokenValidator validator = flows.validator(TENANT);
        entra.script(TamperRule.of(IdTokenTamper.WRONG_AUD).at(Stage.REFRESH_GRANT).once());

        EntraFlows.Started started = flows.start("organizations");
        OIDCTokens tokens = success(flows.redeem("organizations",
                flows.signIn(started, ADMIN, TENANT, true), started.verifier()));
        IDTokenClaimsSet fromCode = EntraFlows.validate(validator, tokens.getIDTokenString(), started.nonce());
        String refreshToken = tokens.getRefreshToken().getValue();
        String spoiled = success(flows.refresh("organizations", refreshToken, null)).getIDTokenString();
        String clean = success(flows.refresh("organizations", refreshToken, null)).getIDTokenString();

        assertEquals(TENANT, fromCode.getStringClaim("tid"));
        assertThrows(BadJOSEException.class, () -> EntraFlows.validate(validator, spoiled, null));
        EntraFlows.validate(validator, clean, null);
    }

    @Test
    void hs256NeedsASecretOfAtLeast32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> TamperRule.hs256("short"));
        assertThrows(IllegalArgumentException.class, () -> TamperRule.of(IdTokenTamper.HS256_WITH_SECRET));
    }
}
