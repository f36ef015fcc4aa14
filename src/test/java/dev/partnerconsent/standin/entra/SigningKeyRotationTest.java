package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static dev.partnerconsent.standin.entra.EntraFlows.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server per test: rotation changes the key set for everyone. */
@ExtendWith(StandInExtension.class)
class SigningKeyRotationTest {

    @StandIn
    private LocalEntraId entra;
    @StandIn
    private EntraFlows flows;

    @Test
    void aClientRefetchesTheKeysOnceForANewKidAndOldTokensStayValidDuringTheOverlap() throws Exception {
        IDTokenValidator validator = flows.validator(TENANT);
        String before = success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true)).getIDTokenString();
        EntraFlows.validate(validator, before, null);
        EntraFlows.validate(validator, before, null);
        assertEquals(1, entra.requestCount(Endpoint.JWKS), "keys are cached");

        String oldKid = entra.signingKeyId();
        String newKid = entra.rotateSigningKey();
        String after = success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true)).getIDTokenString();

        assertNotEquals(oldKid, newKid);
        assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID());
        EntraFlows.validate(validator, after, null);
        assertEquals(2, entra.requestCount(Endpoint.JWKS), "one refetch for the unknown kid");
        EntraFlows.validate(validator, before, null);
        assertEquals(List.of(newKid, oldKid), kidsPublished());
    }

    @Test
    void droppingTheOldKeyInvalidatesTokensSignedWithIt() throws Exception {
        String before = success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true)).getIDTokenString();

        String newKid = entra.rotateSigningKey(false);

        assertEquals(List.of(newKid), kidsPublished());
        IDTokenValidator fresh = flows.validator(TENANT);
        assertThrows(BadJOSEException.class, () -> EntraFlows.validate(fresh, before, null));
        EntraFlows.validate(fresh,
                success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true)).getIDTokenString(), null);
    }

    private List<String> kidsPublished() throws Exception {
        return JWKSet.load(URI.create(entra.jwksUri("organizations")).toURL()).getKeys().stream()
                .map(k -> k.getKeyID()).toList();
    }
}
