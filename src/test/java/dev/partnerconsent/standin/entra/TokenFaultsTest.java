package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static dev.partnerconsent.standin.entra.EntraFlows.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A share of token grants failing or stalling: exactly the share, only at the stages named, until reset. */
@ExtendWith(StandInExtension.class)
class TokenFaultsTest {

    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;

    private static HTTPResponse codeGrant() {
        EntraFlows.Started started = flows.start("organizations");
        var code = flows.signIn(started, ADMIN, TENANT, true);
        return flows.tokenHttp("organizations", flows.secretPost(),
                new AuthorizationCodeGrant(code, URI.create(EntraFlows.REDIRECT_URI), started.verifier()), null, Map.of());
    }

    private static HTTPResponse refreshGrant(String refreshToken) {
        return flows.tokenHttp("organizations", flows.secretPost(), new RefreshTokenGrant(new RefreshToken(refreshToken)),
                null, Map.of());
    }

    private static String refreshToken() {
        return success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true)).getRefreshToken().getValue();
    }

    @Test
    void anErrorShareHitsExactlyThatShareOfTheNamedGrant() throws Exception {
        String refreshToken = refreshToken();
        long before = entra.tokenFaults().failed();
        entra.tokenFaults().errorShare(0.5, EntraErrorCodes.AADSTS54005, Stage.CODE_GRANT);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HTTPResponse r = codeGrant();
            statuses.add(r.getStatusCode());
            if (r.getStatusCode() != 200) {
                JSONObject body = r.getContentAsJSONObject();
                assertEquals("invalid_grant", body.get("error"));
                assertTrue(((String) body.get("error_description")).startsWith("AADSTS54005: "), body.toString());
                assertFalse(((String) body.get("trace_id")).isBlank());
            }
        }
        assertEquals(List.of(200, 400, 200, 400), statuses, "every second code grant");
        assertEquals(before + 2, entra.tokenFaults().failed());
        assertEquals(200, refreshGrant(refreshToken).getStatusCode(), "refresh grants were not named");
    }

    @Test
    void anUnavailableShareAnswersABare5xxWithoutAnAadstsCode() throws Exception {
        String refreshToken = refreshToken();
        entra.tokenFaults().unavailableShare(1.0 / 3, 503);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HTTPResponse r = refreshGrant(refreshToken);
            statuses.add(r.getStatusCode());
            if (r.getStatusCode() == 503) {
                JSONObject body = r.getContentAsJSONObject();
                assertEquals("temporarily_unavailable", body.get("error"));
                assertFalse(((String) body.get("error_description")).contains("AADSTS"), body.toString());
                assertFalse(((String) body.get("trace_id")).isBlank());
            }
        }
        assertEquals(List.of(200, 200, 503), statuses);
    }

    @Test
    void aStallShareHoldsThatShareThenAnswersNormally() throws Exception {
        String refreshToken = refreshToken();
        long before = entra.tokenFaults().stalled();
        Duration stall = Duration.ofMillis(400);
        entra.tokenFaults().stallShare(0.5, stall, Stage.REFRESH_GRANT);
        List<Duration> took = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            assertEquals(200, refreshGrant(refreshToken).getStatusCode(), "a stalled grant still succeeds");
            took.add(Duration.ofNanos(System.nanoTime() - t0));
        }
        assertEquals(before + 1, entra.tokenFaults().stalled());
        assertTrue(took.get(1).compareTo(stall) >= 0, "the second grant was held: " + took);

        entra.tokenFaults().reset();
        assertEquals(200, refreshGrant(refreshToken).getStatusCode());
        assertEquals(before + 1, entra.tokenFaults().stalled(), "no stall after reset");
    }

    @Test
    void theRedirectIsNotATokenGrant() {
        assertThrows(IllegalArgumentException.class,
                () -> entra.tokenFaults().errorShare(0.5, EntraErrorCodes.AADSTS54005, Stage.REDIRECT));
        assertThrows(IllegalArgumentException.class, () -> entra.tokenFaults().unavailableShare(0.5, 400));
        assertThrows(IllegalArgumentException.class, () -> entra.tokenFaults().stallShare(0, Duration.ofSeconds(1)));
    }
}
