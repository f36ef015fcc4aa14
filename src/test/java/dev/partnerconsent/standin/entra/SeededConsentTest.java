package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.failure;
import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LocalEntraId#issueRefreshToken}: a consent seeded without the sign-in pages behaves like a signed-in one. */
@ExtendWith(StandInExtension.class)
class SeededConsentTest {

    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;

    @Test
    void aSeededRefreshTokenRedeemsRotatesAndCarriesTheSignInsClaims() throws Exception {
        String tenant = "7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        String seeded = entra.issueRefreshToken(tenant, "seed@partner.example", false, EntraFlows.CLIENT_ID,
                "openid offline_access " + LocalEntraId.PARTNER_CENTER_SCOPE);
        assertEquals(List.of(seeded), entra.refreshTokensIssued(tenant));
        assertTrue(entra.issuedSecrets().contains(seeded), "in the ledger, for leak checks");

        OIDCTokens tokens = success(flows.refresh(tenant, seeded, new Scope(LocalEntraId.PARTNER_CENTER_SCOPE)));
        assertNotEquals(seeded, tokens.getRefreshToken().getValue());
        assertEquals(tokens.getRefreshToken().getValue(), entra.lastRefreshToken(tenant).orElseThrow());
        JWTClaimsSet claims = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals(tenant, claims.getStringClaim("tid"));
        assertEquals(List.of("pwd"), claims.getStringListClaim("amr"), "seeded without MFA");
        assertEquals("seed@partner.example", claims.getStringClaim("upn"));
    }

    @Test
    void aSeededTokenCanBeRevoked() {
        String tenant = "8b2e3d4c-5f60-4b7c-9d8e-0f1a2b3c4d5e";
        String seeded = entra.issueRefreshToken(tenant, "seed@partner.example", true, EntraFlows.CLIENT_ID,
                "offline_access " + LocalEntraId.PARTNER_CENTER_SCOPE);
        entra.revokeRefreshTokens(tenant, null);
        assertTrue(failure(flows.refresh(tenant, seeded, null)).getErrorObject().getDescription().startsWith("AADSTS50173: "));
    }

    @Test
    void aPartnersTokenRedeemsInACustomerTenantOnlyWithADelegation() throws Exception {
        String partner = "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d";
        String customer = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
        String seeded = entra.issueRefreshToken(partner, "agent@partner.example", true, EntraFlows.CLIENT_ID,
                "offline_access " + LocalEntraId.PARTNER_CENTER_SCOPE);
        assertTrue(failure(flows.refresh(customer, seeded, new Scope("https://graph.microsoft.com/.default")))
                .getErrorObject().getDescription().startsWith("AADSTS70000"), "no relationship, no token");

        entra.grantDelegatedAdmin(partner, customer);
        OIDCTokens tokens = success(flows.refresh(customer, seeded, new Scope("https://graph.microsoft.com/.default")));
        JWTClaimsSet claims = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals(customer, claims.getStringClaim("tid"));
        assertEquals(List.of("https://graph.microsoft.com"), claims.getAudience());
        assertEquals("agent@partner.example", claims.getStringClaim("upn"));
    }

    @Test
    void seedingNeedsATenantIdAndOfflineAccess() {
        assertThrows(IllegalArgumentException.class, () -> entra.issueRefreshToken("organizations", "a@b.example", true,
                EntraFlows.CLIENT_ID, "offline_access openid"));
        assertThrows(IllegalArgumentException.class, () -> entra.issueRefreshToken(
                "9c3f4e5d-6071-4c8d-ae9f-1a2b3c4d5e6f", "a@b.example", true, EntraFlows.CLIENT_ID, "openid"));
    }
}
