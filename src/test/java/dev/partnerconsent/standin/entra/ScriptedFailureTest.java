package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static dev.partnerconsent.standin.entra.EntraFlows.CLIENT_ID;
import static dev.partnerconsent.standin.entra.EntraFlows.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(StandInExtension.class)
class ScriptedFailureTest {

    /** The codes the app's diagnostics must explain. */
    static Stream<EntraError> catalogue() {
        return Stream.of(50011, 500112, 500113, 7000215, 7000222, 700016, 65001, 650052, 65005, 50020, 50105, 53003,
                        50076, 50078, 70043, 700082, 50173, 70000, 700007, 90002, 54005, 65004)
                .map(code -> EntraErrorCodes.byCode(code).orElseThrow(() -> new AssertionError("missing " + code)));
    }

    private static final Pattern TRACE_LINES = Pattern.compile(
            "AADSTS\\d+: .+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\n"
                    + "Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ", Pattern.DOTALL);

    @StandIn
    private static LocalEntraId entra;
    @StandIn
    private static EntraFlows flows;

    @ParameterizedTest
    @MethodSource("catalogue")
    void onTheRedirect(EntraError error) throws Exception {
        EntraFlows.Started started = flows.start("organizations");
        entra.script(ScriptedFailure.of(error, Stage.REDIRECT));

        AuthorizeOutcome outcome = LoginFormClient.signIn(started.authorizeUrl(), ADMIN, TENANT, true);

        assertEquals(302, outcome.status());
        assertTrue(outcome.target().toString().startsWith(EntraFlows.REDIRECT_URI + "?"));
        assertTrue(TRACE_LINES.matcher(outcome.parameters().get("error_description")).matches(),
                outcome.parameters().get("error_description"));
        assertRedirectError(error, outcome, started);
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void onTheRedirectByFormPost(EntraError error) throws Exception {
        EntraFlows.Started started = flows.start("organizations", EntraFlows.SAM_SCOPES, ResponseMode.FORM_POST);
        entra.script(ScriptedFailure.of(error, Stage.REDIRECT));

        AuthorizeOutcome outcome = LoginFormClient.signIn(started.authorizeUrl(), ADMIN, TENANT, true);

        assertTrue(outcome.formPost());
        assertTrue(TRACE_LINES.matcher(outcome.parameters().get("error_description")).matches());
        assertRedirectError(error, outcome, started);
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void fromTheTokenEndpointForTheCodeGrant(EntraError error) {
        EntraFlows.Started started = flows.start("organizations");
        var code = flows.signIn(started, ADMIN, TENANT, true);
        entra.script(ScriptedFailure.of(error, Stage.CODE_GRANT));

        HTTPResponse response = flows.tokenHttp("organizations", flows.secretPost(),
                new AuthorizationCodeGrant(code, URI.create(EntraFlows.REDIRECT_URI), started.verifier()), null,
                Map.of());

        assertTokenEndpointError(error, response);
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void fromTheTokenEndpointForTheRefreshGrant(EntraError error) {
        String refreshToken = success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true))
                .getRefreshToken().getValue();
        entra.script(ScriptedFailure.of(error, Stage.REFRESH_GRANT));

        HTTPResponse response = flows.tokenHttp("organizations", flows.secretPost(),
                new RefreshTokenGrant(new RefreshToken(refreshToken)), null, Map.of());

        assertTokenEndpointError(error, response);
    }

    @Test
    void theErrorValuesAreEntras() {
        assertEquals("invalid_client", EntraErrorCodes.AADSTS7000215.error());
        assertEquals("invalid_client", EntraErrorCodes.AADSTS7000222.error());
        for (EntraError e : List.of(EntraErrorCodes.AADSTS50173, EntraErrorCodes.AADSTS700082, EntraErrorCodes.AADSTS70043,
                EntraErrorCodes.AADSTS50076, EntraErrorCodes.AADSTS54005)) {
            assertEquals("invalid_grant", e.error(), "token endpoint, AADSTS" + e.code());
        }
        for (EntraError e : List.of(EntraErrorCodes.AADSTS50076, EntraErrorCodes.AADSTS50078, EntraErrorCodes.AADSTS53003)) {
            assertEquals("interaction_required", e.redirectError(), "redirect, AADSTS" + e.code());
        }
        assertEquals("consent_required", EntraErrorCodes.AADSTS65001.redirectError());
        assertEquals("invalid_grant", EntraErrorCodes.AADSTS65001.error());
        assertEquals("access_denied", EntraErrorCodes.AADSTS65004.redirectError());
        assertEquals("invalid_request", EntraErrorCodes.AADSTS50011.error());
        assertEquals("invalid_request", EntraErrorCodes.AADSTS90002.error());
        assertEquals("unauthorized_client", EntraErrorCodes.AADSTS700016.error());
        assertEquals(401, EntraErrorCodes.AADSTS7000215.httpStatus());
        assertEquals(400, EntraErrorCodes.AADSTS50173.httpStatus());
    }

    @Test
    void placeholdersAreFilledFromTheRequest() {
        String refreshToken = success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true))
                .getRefreshToken().getValue();
        entra.script(ScriptedFailure.of(EntraErrorCodes.AADSTS7000215, Stage.REFRESH_GRANT));

        String description = errorOf(flows.tokenHttp("organizations", flows.secretPost(),
                new RefreshTokenGrant(new RefreshToken(refreshToken)), null, Map.of())).getDescription();

        assertTrue(description.contains("for a secret added to app '" + CLIENT_ID + "'."), description);
    }

    @Test
    void theCallersClientRequestIdBecomesTheCorrelationId() throws Exception {
        String refreshToken = success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true))
                .getRefreshToken().getValue();
        entra.script(ScriptedFailure.of(EntraErrorCodes.AADSTS50173, Stage.REFRESH_GRANT));
        String requestId = "4b7f1c4e-9a0d-4f7e-a0c3-2b1d7f6e5a90";

        HTTPResponse response = flows.tokenHttp("organizations", flows.secretPost(),
                new RefreshTokenGrant(new RefreshToken(refreshToken)), null, Map.of("client-request-id", requestId));

        assertEquals(requestId, JSONObjectUtils.parse(response.getBody()).get("correlation_id"));
    }

    @Test
    void rulesMatchByUserTenantAndClient() {
        String victim = "victim@fabrikam.onmicrosoft.com";
        String fabrikam = DemoTenants.FABRIKAM.id();
        String victimToken = refreshTokenOf(victim, fabrikam);
        String sameTenantOtherUser = refreshTokenOf(ADMIN, fabrikam);
        String otherTenant = refreshTokenOf(victim, TENANT);

        entra.script(ScriptedFailure.of(EntraErrorCodes.AADSTS50076, Stage.REFRESH_GRANT)
                .matching(Match.user(victim.toUpperCase()).andTenant(fabrikam).andClient(CLIENT_ID)));

        assertEquals(50076, codeOf(refresh(victimToken)));
        assertEquals(200, refresh(sameTenantOtherUser).getStatusCode());
        assertEquals(200, refresh(otherTenant).getStatusCode());
        entra.clearScripts();
        entra.script(ScriptedFailure.of(EntraErrorCodes.AADSTS50076, Stage.REFRESH_GRANT)
                .matching(Match.client("another-client")));
        assertEquals(200, refresh(victimToken).getStatusCode());
    }

    @Test
    void aOneShotRuleFiresOnceAndAStickyOneUntilItsScriptIsClosed() {
        String token = refreshTokenOf(ADMIN, TENANT);

        entra.script(ScriptedFailure.of(EntraErrorCodes.AADSTS70043, Stage.REFRESH_GRANT).once());
        assertEquals(70043, codeOf(refresh(token)));
        assertEquals(200, refresh(token).getStatusCode());

        try (Script sticky = entra.script(ScriptedFailure.of(EntraErrorCodes.AADSTS53003, Stage.REFRESH_GRANT))) {
            assertEquals(53003, codeOf(refresh(token)));
            assertEquals(53003, codeOf(refresh(token)));
        }
        assertEquals(200, refresh(token).getStatusCode());
    }

    @Test
    void stagesAreSelectedSeparately() {
        String token = refreshTokenOf(ADMIN, TENANT);
        entra.script(ScriptedFailure.of(EntraErrorCodes.AADSTS50173, Stage.REFRESH_GRANT));

        assertEquals(50173, codeOf(refresh(token)));
        success(flows.signInAndRedeem("organizations", ADMIN, TENANT, true));
    }

    private static void assertRedirectError(EntraError error, AuthorizeOutcome outcome, EntraFlows.Started started)
            throws Exception {
        AuthenticationErrorResponse response =
                assertInstanceOf(AuthenticationErrorResponse.class, outcome.toNimbusResponse());
        assertEquals(error.redirectError(), response.getErrorObject().getCode());
        assertTrue(response.getErrorObject().getDescription().startsWith("AADSTS" + error.code() + ": "));
        assertEquals(started.state(), response.getState());
        assertEquals(entra.baseUrl() + "/error?code=" + error.code(), outcome.parameters().get("error_uri"));
    }

    private static void assertTokenEndpointError(EntraError error, HTTPResponse response) {
        assertEquals(error.httpStatus(), response.getStatusCode());
        ErrorObject parsed = errorOf(response);
        assertEquals(error.error(), parsed.getCode());
        assertTrue(parsed.getDescription().startsWith("AADSTS" + error.code() + ": "), parsed.getDescription());
        try {
            JSONObject json = JSONObjectUtils.parse(response.getBody());
            assertTrue(TRACE_LINES.matcher((String) json.get("error_description")).matches());
            assertEquals(List.of(error.code()), ((JSONArray) json.get("error_codes")).stream()
                    .map(n -> ((Number) n).intValue()).toList());
            assertTrue(((String) json.get("error_description")).contains("Trace ID: " + json.get("trace_id")));
            assertTrue(((String) json.get("error_description")).contains("Correlation ID: "
                    + json.get("correlation_id")));
            assertTrue(((String) json.get("error_description")).endsWith("Timestamp: " + json.get("timestamp")));
            assertNotNull(json.get("error_uri"));
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static ErrorObject errorOf(HTTPResponse response) {
        try {
            return TokenErrorResponse.parse(response).getErrorObject();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static int codeOf(HTTPResponse response) {
        String description = errorOf(response).getDescription();
        return Integer.parseInt(description.substring("AADSTS".length(), description.indexOf(':')));
    }

    private static String refreshTokenOf(String user, String tenant) {
        return success(flows.signInAndRedeem("organizations", user, tenant, true)).getRefreshToken().getValue();
    }

    private static HTTPResponse refresh(String refreshToken) {
        AuthorizationGrant grant = new RefreshTokenGrant(new RefreshToken(refreshToken));
        return flows.tokenHttp("organizations", flows.secretPost(), grant, null, Map.of());
    }
}
