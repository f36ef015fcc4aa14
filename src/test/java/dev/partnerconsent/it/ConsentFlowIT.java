package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.ForgedCookies;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ItTenants;
import dev.partnerconsent.it.support.VaultDiff;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import dev.partnerconsent.signin.SignInCookie;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.standin.apis.ApiCall;
import dev.partnerconsent.standin.apis.LocalMicrosoftApis;
import dev.partnerconsent.standin.entra.EntraError;
import dev.partnerconsent.standin.entra.EntraErrorCodes;
import dev.partnerconsent.standin.entra.Endpoint;
import dev.partnerconsent.standin.entra.IdTokenTamper;
import dev.partnerconsent.standin.entra.Match;
import dev.partnerconsent.standin.entra.Script;
import dev.partnerconsent.standin.entra.ScriptedFailure;
import dev.partnerconsent.standin.entra.Stage;
import dev.partnerconsent.standin.entra.TamperRule;
import dev.partnerconsent.standin.keyvault.Operation;
import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import dev.partnerconsent.standin.keyvault.VaultSnapshot;
import dev.partnerconsent.it.support.AppSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.spec.SecretKeySpec;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import static dev.partnerconsent.it.support.ConsentBrowser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consent flow end to end on Payara Micro against the stand-ins: what gets stored, and everything that must be
 * refused with the right page and nothing written to the vault.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@AppSettings("partnerconsent.required-roles=" + ConsentFlowIT.GLOBAL_ADMINISTRATOR)
class ConsentFlowIT extends InContainer {

    private static final String USER = "admin@contosopartner.onmicrosoft.com";
    /** Partner admins hold this directory role; the app requires it (partnerconsent.required-roles). */
    static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
    /** Another user of the same tenants, also an administrator. */
    private static final String OTHER_ADMIN = "second.admin@contosopartner.onmicrosoft.com";

    @BeforeAll
    static void partnerAdminsHoldTheRequiredRole() {
        standIns().directoryRoleClaims(true);
        for (String tenant : ItTenants.ALLOWED) {
            standIns().entra().assignDirectoryRole(tenant, USER, GLOBAL_ADMINISTRATOR);
            standIns().entra().assignDirectoryRole(tenant, OTHER_ADMIN, GLOBAL_ADMINISTRATOR);
        }
    }

    private static Login login(String tenant) {
        return new Login(USER, tenant, true);
    }

    private static ConsentBrowser browser() {
        return new ConsentBrowser(appBaseUrl());
    }

    @AfterEach
    void resetStandIns() {
        standIns().entra().clearScripts();
        standIns().vault().faults().reset();
        standIns().apis().reset();
        standIns().directoryRoleClaims(true);
    }

    // ---------------------------------------------------------------- stored

    @Test
    @Order(1)
    void consentStoresTheIssuedRefreshTokenAsANewVersionEachTime() throws Exception {
        String tenant = ItTenants.ALPHA;
        // other tests of this class sign in to the same allowed tenants: compare with what was there before
        VaultSnapshot before = standIns().vault().snapshot();
        Page first = browser().consent(login(tenant));
        assertEquals(200, first.status(), first.body());
        assertEquals("Consent successful", text(first, "consent-ok").lines().findFirst().orElse("").strip(), first.body());
        assertEquals(tenant, text(first, "tenant-id"));
        assertEquals(LocalMicrosoftApis.companyName(tenant), text(first, "company-name"), "Partner Center's answer");
        assertEquals(USER, text(first, "user"));
        assertEquals(tenant, text(first, "secret-name"));
        assertEquals("Yes (evidence in the access token)", text(first, "mfa"),
                "Entra's v2.0 ID tokens carry no amr: the Partner Center access token is the evidence");
        assertEquals("no-store", first.header("Cache-Control").orElse(""));

        String issued = standIns().entra().lastRefreshToken(tenant).orElseThrow();
        List<SecretVersion> added = VaultDiff.added(before, standIns().vault().snapshot(), tenant);
        assertEquals(List.of(issued), added.stream().map(SecretVersion::value).toList(),
                "one new version, its value exactly the refresh token Entra issued");
        SecretVersion v1 = added.get(0);
        assertEquals(v1.version(), standIns().vault().secret(tenant).orElseThrow().latest().version());
        assertEquals(text(first, "secret-version"), v1.version());
        assertEquals(USER, v1.tags().get("consentedBy"));
        assertEquals("true", v1.tags().get("mfa"));
        assertEquals(StandIns.APP_CLIENT_ID, v1.tags().get("clientId"));
        assertTrue(v1.tags().get("scopes").contains("https://api.partnercenter.microsoft.com/user_impersonation"));
        assertFalse(v1.tags().get("objectId").isBlank());
        assertFalse(first.body().contains(issued), "the page never shows the token");

        Page second = browser().consent(login(tenant));
        assertEquals(200, second.status(), second.body());
        StoredSecret twice = standIns().vault().secret(tenant).orElseThrow();
        String reissued = standIns().entra().lastRefreshToken(tenant).orElseThrow();
        assertNotEquals(issued, reissued);
        assertEquals(List.of(issued, reissued), VaultDiff.added(before, standIns().vault().snapshot(), tenant).stream()
                .map(SecretVersion::value).toList());
        assertEquals(text(second, "secret-version"), twice.latest().version());
        assertNotEquals(v1.version(), twice.latest().version());
    }

    @Test
    @Order(2)
    void twoTenantsTwoSecrets() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        assertEquals(200, browser().consent(login(ItTenants.BRAVO)).status());
        assertEquals(200, browser().consent(login(ItTenants.CHARLIE)).status());
        VaultSnapshot after = standIns().vault().snapshot();
        assertEquals(2, VaultDiff.versions(after) - VaultDiff.versions(before), "one version each, nothing else");
        assertEquals(List.of(standIns().entra().lastRefreshToken(ItTenants.BRAVO).orElseThrow()),
                VaultDiff.added(before, after, ItTenants.BRAVO).stream().map(SecretVersion::value).toList());
        assertEquals(List.of(standIns().entra().lastRefreshToken(ItTenants.CHARLIE).orElseThrow()),
                VaultDiff.added(before, after, ItTenants.CHARLIE).stream().map(SecretVersion::value).toList());
    }

    @Test
    @Order(3)
    void twoSignInsStartedInTwoTabsBothComplete() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        ConsentBrowser b = browser();
        Page tab1 = b.signIn(b.start(null), login(ItTenants.DELTA));
        Page tab2 = b.signIn(b.start(null), login(ItTenants.ECHO));
        assertEquals(200, b.callback(tab2).status());
        assertEquals(200, b.callback(tab1).status());
        VaultSnapshot after = standIns().vault().snapshot();
        assertEquals(1, VaultDiff.added(before, after, ItTenants.DELTA).size());
        assertEquals(1, VaultDiff.added(before, after, ItTenants.ECHO).size());
    }

    @Test
    @Order(4)
    void formPostResponseModeIsAccepted() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        ConsentBrowser b = browser();
        Page start = b.start(null);
        String authorize = start.location().orElseThrow() + "&response_mode=form_post";
        Page idp = b.signInAt(authorize, login(ItTenants.ALPHA));
        assertEquals(200, idp.status(), "form_post answers with an auto-submitting form");
        Page result = b.callback(idp);
        assertEquals(200, result.status(), result.body());
        assertEquals(ItTenants.ALPHA, text(result, "tenant-id"));
        assertEquals(List.of(text(result, "secret-version")), VaultDiff.added(before, standIns().vault().snapshot(),
                ItTenants.ALPHA).stream().map(SecretVersion::version).toList(), "the consent was stored");
    }

    @Test
    @Order(7)
    void theCallbackRedirectsToItsOutcomeWhichReloadsAndLeavesTheCodeBehind() throws Exception {
        ConsentBrowser b = browser();
        Page idp = b.signIn(b.start(null), login(ItTenants.ALPHA));
        String code = query(idp.location().orElseThrow(), "code");
        Page result = b.callback(idp);
        Page callback = result.redirectedFrom();
        assertEquals(303, callback.status(), callback.body());
        String outcome = callback.location().orElseThrow();
        assertTrue(outcome.startsWith("/consent/outcome?o="), outcome);
        assertFalse(outcome.contains(code) || result.uri().toString().contains(code), "the code is not in the final address");
        assertEquals("no-store", callback.header("Cache-Control").orElse(""));
        assertEquals(200, result.status(), result.body());
        String version = text(result, "secret-version");

        VaultSnapshot before = standIns().vault().snapshot();
        for (int reload = 0; reload < 2; reload++) {
            Page again = b.getOnce(outcome);
            assertEquals(200, again.status(), "reload and Back show the outcome again: " + again.body());
            assertEquals(version, text(again, "secret-version"));
            assertEquals(ItTenants.ALPHA, text(again, "tenant-id"));
        }
        assertEquals(before, standIns().vault().snapshot(), "showing the outcome again stores nothing");

        Page refused = b.consent(new Login(USER, ItTenants.OUTSIDER, true));
        assertEquals(403, refused.status());
        Page refusedAgain = b.getOnce(refused.redirectedFrom().location().orElseThrow());
        assertEquals(403, refusedAgain.status());
        assertEquals("tenant-not-allowed", text(refusedAgain, "error-code"), "a failure shows again too");

        int at = outcome.length() - 20;
        Page altered = b.getOnce(outcome.substring(0, at) + (outcome.charAt(at) == 'A' ? 'B' : 'A') + outcome.substring(at + 1));
        assertEquals(400, altered.status(), altered.body());
        assertEquals("outcome-unavailable", text(altered, "error-code"));
        assertFalse(altered.body().contains("Nothing was stored"), "it cannot say whether something was stored");
        assertEquals(405, b.post(outcome, java.util.Map.of()).status(), "the outcome is only read");
    }

    @Test
    @Order(6)
    void rotatedSigningKeyIsFetchedOnceThenCached() throws Exception {
        long jwks = standIns().entra().requestCount(Endpoint.JWKS);
        standIns().entra().rotateSigningKey(false);
        assertEquals(200, browser().consent(login(ItTenants.CHARLIE)).status(), "a token signed with the new key is accepted");
        assertEquals(jwks + 1, standIns().entra().requestCount(Endpoint.JWKS), "the unknown kid made one refetch");
        assertEquals(200, browser().consent(login(ItTenants.CHARLIE)).status());
        assertEquals(jwks + 1, standIns().entra().requestCount(Endpoint.JWKS), "then the keys are cached again");
    }

    @Test
    @Order(5)
    void metadataIsFetchedOnceAndKeysAreCached() throws Exception {
        long metadata = standIns().entra().requestCount(Endpoint.METADATA);
        long jwks = standIns().entra().requestCount(Endpoint.JWKS);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, browser().consent(login(ItTenants.BRAVO)).status());
        }
        assertEquals(metadata, standIns().entra().requestCount(Endpoint.METADATA), "metadata is never fetched per request");
        assertEquals(jwks, standIns().entra().requestCount(Endpoint.JWKS), "signing keys are never fetched per request");
    }

    // ---------------------------------------------------------------- refused, nothing stored

    private static void assertRefused(Page page, int status, String code, VaultSnapshot before) {
        assertEquals(status, page.status(), page.body());
        assertEquals(code, text(page, "error-code"), page.body());
        assertTrue(page.body().contains("Nothing was stored"), page.body());
        assertFalse(page.body().contains("Exception:"), "no stack trace: " + page.body());
        assertFalse(page.body().contains("at dev.partnerconsent"), "no stack trace: " + page.body());
        assertFalse(text(page, "error-fix").isBlank(), "the page says what to change");
        assertEquals(before, standIns().vault().snapshot(), "nothing was written to the vault");
    }

    @Test
    void missingStateCookieIsRefused() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        Page idp = browser().signIn(browser().start(null), login(ItTenants.ALPHA));
        Page otherBrowser = browser().callback(idp);
        assertRefused(otherBrowser, 400, "state-cookie-missing", before);
    }

    @Test
    void forgedStateCookieIsRefused() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        ConsentBrowser b = browser();
        Page idp = b.signIn(b.start(null), login(ItTenants.ALPHA));
        HttpCookie sealed = signInCookie(b);
        String v = sealed.getValue();
        int i = v.length() - 30;
        replaceCookie(b, sealed, v.substring(0, i) + (v.charAt(i) == 'A' ? 'B' : 'A') + v.substring(i + 1));
        assertRefused(b.callback(idp), 400, "state-cookie-invalid", before);
    }

    @Test
    void expiredStateCookieIsRefused() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        ConsentBrowser b = browser();
        Page idp = b.signIn(b.start(null), login(ItTenants.ALPHA));
        String state = query(idp.location().orElseThrow(), "state");
        Instant issued = Instant.now().minus(Duration.ofMinutes(11));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("st", state).claim("n", "n").claim("cv", "v".repeat(43))
                .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(SignInCookie.LIFETIME))).build();
        replaceCookie(b, signInCookie(b), ForgedCookies.seal(claims, ForgedCookies.appCookieKey()));
        assertRefused(b.callback(idp), 400, "state-expired", before);
    }

    @Test
    void replayedCallbackIsRefused() throws Exception {
        ConsentBrowser b = browser();
        Page idp = b.signIn(b.start(null), login(ItTenants.CHARLIE));
        HttpCookie sealed = signInCookie(b);
        assertEquals(200, b.callback(idp).status());
        VaultSnapshot before = standIns().vault().snapshot();
        b.cookies().getCookieStore().add(URI.create(appBaseUrl()), sealed);
        assertRefused(b.callback(idp), 400, "state-replayed", before);
    }

    /**
     * An attacker holding a used code and the sign-in cookie it belongs to (verifier and nonce) replays it with a state
     * this node has not seen (as on another node): PKCE holds, so Entra itself refuses the code as already redeemed.
     */
    @Test
    void replayedCodeIsRefusedByEntraAsRedeemedAndExplained() throws Exception {
        ConsentBrowser first = browser();
        Page idp1 = first.signIn(first.start(null), login(ItTenants.DELTA));
        JWTClaimsSet pending = openSignInCookie(signInCookie(first).getValue());
        assertEquals(200, first.callback(idp1).status());
        String usedCode = query(idp1.location().orElseThrow(), "code");

        VaultSnapshot before = standIns().vault().snapshot();
        ConsentBrowser replay = browser();
        String state = new com.nimbusds.oauth2.sdk.id.State().getValue();
        Instant now = Instant.now();
        HttpCookie forged = new HttpCookie(SignInCookie.nameFor(new com.nimbusds.oauth2.sdk.id.State(state)),
                ForgedCookies.seal(new JWTClaimsSet.Builder().claim("st", state).claim("n", pending.getStringClaim("n"))
                        .claim("cv", pending.getStringClaim("cv")).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(SignInCookie.LIFETIME))).build(), ForgedCookies.appCookieKey()));
        forged.setPath("/consent/callback");
        forged.setVersion(0);
        replay.cookies().getCookieStore().add(URI.create(appBaseUrl()), forged);
        Page page = replay.get(appBaseUrl() + "/consent/callback?code=" + usedCode + "&state=" + state);
        assertRefused(page, 502, "AADSTS54005", before);
        assertTrue(text(page, "error-detail").contains("already redeemed"), page.body());
    }

    /** The callback's own refusals, each with its exact code and detail, nothing stored. */
    @Test
    void callbackRequestsThatAreNoSignInResponseAreRefusedByName() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        Page noState = browser().get(appBaseUrl() + "/consent/callback?code=abc");
        assertRefused(noState, 400, "state-missing", before);
        assertEquals("The callback carries no state parameter, so it cannot be matched to a sign-in started here.",
                text(noState, "error-detail"));

        ConsentBrowser b = browser();
        String state = query(b.start(null).location().orElseThrow(), "state");
        Page noCode = b.get(appBaseUrl() + "/consent/callback?state=" + state);
        assertRefused(noCode, 400, "code-missing", before);
        assertEquals("The callback carries neither an authorization code nor an error.", text(noCode, "error-detail"));

        Page twice = browser().get(appBaseUrl() + "/consent/callback?code=a&code=b&state=" + state);
        assertRefused(twice, 400, "callback-malformed", before);
        assertEquals("The callback carries the parameter 'code' more than once.", text(twice, "error-detail"));
        Page tooLong = browser().post(appBaseUrl() + "/consent/callback", java.util.Map.of("state", state, "code",
                "x".repeat(16_385))); // in a form_post body: the request line could not carry it
        assertRefused(tooLong, 400, "callback-malformed", before);
        assertEquals("The callback's parameter 'code' is longer than 16384 characters.", text(tooLong, "error-detail"));

        Page json = send("POST", "application/json", "{\"code\":\"abc\"}");
        assertRefused(json, 415, "callback-content-type", before);
        assertEquals("A form_post callback must be application/x-www-form-urlencoded.", text(json, "error-detail"));

        // HEAD passes the app's method filter and meets the callback's own check (405, no body by HTTP's rules)
        assertEquals(405, send("HEAD", null, null).status());
        assertEquals(before, standIns().vault().snapshot());
    }

    private static Page send(String method, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + "/consent/callback"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Page(r.statusCode(), r.uri(), r.body(), r);
    }

    static Stream<Arguments> entraErrors() {
        return Stream.of(
                Arguments.of(EntraErrorCodes.AADSTS50011, Stage.REDIRECT, 400),
                Arguments.of(EntraErrorCodes.AADSTS65001, Stage.REDIRECT, 400),
                Arguments.of(EntraErrorCodes.AADSTS53003, Stage.REDIRECT, 400),
                Arguments.of(EntraErrorCodes.AADSTS7000215, Stage.CODE_GRANT, 502),
                Arguments.of(EntraErrorCodes.AADSTS700016, Stage.CODE_GRANT, 502),
                Arguments.of(EntraErrorCodes.AADSTS50076, Stage.CODE_GRANT, 502));
    }

    @ParameterizedTest
    @MethodSource("entraErrors")
    void entraErrorResponsesAreExplained(EntraError error, Stage stage, int status) throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        try (Script ignored = standIns().entra().script(ScriptedFailure.of(error, stage).matching(Match.tenant(ItTenants.ECHO)))) {
            Page page = browser().consent(login(ItTenants.ECHO));
            String code = "AADSTS" + error.code();
            assertRefused(page, status, code, before);
            assertTrue(text(page, "support-block").contains("Trace ID: "), page.body());
            assertTrue(text(page, "support-block").contains("Correlation ID: "), page.body());
            assertNotEquals("Unrecognised error", text(page, "error-title"));
        }
    }

    @Test
    void anErrorResponseNotAnsweringThisBrowsersSignInShowsOnlyAGenericPage() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        String planted = java.net.URLEncoder.encode("AADSTS50011: Your account is locked. Call +1 555 0100 to unlock it.",
                java.nio.charset.StandardCharsets.UTF_8);
        Page noState = browser().get(appBaseUrl() + "/consent/callback?error=access_denied&error_description=" + planted);
        assertRefused(noState, 400, "unexpected-sign-in-response", before);
        assertFalse(noState.body().contains("555 0100"), "no attacker text on our origin");

        String othersState = query(browser().start(null).location().orElseThrow(), "state");
        Page foreign = browser().get(appBaseUrl() + "/consent/callback?error=access_denied&error_description=" + planted
                + "&state=" + othersState);
        assertRefused(foreign, 400, "unexpected-sign-in-response", before);
        assertFalse(foreign.body().contains("555 0100"), "a state of another browser's sign-in is not this browser's");

        Page metrics = browser().get(appBaseUrl() + "/metrics?scope=application");
        assertTrue(metrics.body().contains("code=\"unexpected-sign-in-response\""), "counted under its own code");
    }

    static Stream<Arguments> forgedIdTokens() {
        return Stream.of(
                Arguments.of(TamperRule.of(IdTokenTamper.BAD_SIGNATURE), "id-token-signature"),
                Arguments.of(TamperRule.of(IdTokenTamper.ALG_NONE), "id-token-algorithm"),
                Arguments.of(TamperRule.hs256(StandIns.APP_CLIENT_SECRET), "id-token-algorithm"),
                Arguments.of(TamperRule.of(IdTokenTamper.UNKNOWN_KID), "id-token-signing-key"),
                Arguments.of(TamperRule.of(IdTokenTamper.WRONG_AUD), "id-token-audience"),
                Arguments.of(TamperRule.of(IdTokenTamper.WRONG_ISS), "id-token-issuer"),
                Arguments.of(TamperRule.of(IdTokenTamper.ISSUER_OF_OTHER_TENANT), "id-token-issuer"),
                Arguments.of(TamperRule.of(IdTokenTamper.EXPIRED), "id-token-expired"),
                Arguments.of(TamperRule.of(IdTokenTamper.IAT_IN_FUTURE), "id-token-lifetime"),
                Arguments.of(TamperRule.of(IdTokenTamper.WRONG_NONCE), "id-token-nonce"),
                Arguments.of(TamperRule.of(IdTokenTamper.MISSING_NONCE), "id-token-nonce"));
    }

    @ParameterizedTest
    @MethodSource("forgedIdTokens")
    void forgedIdTokensAreRefused(TamperRule tamper, String code) throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        try (Script ignored = standIns().entra().script(tamper.matching(Match.tenant(ItTenants.ECHO)))) {
            assertRefused(browser().consent(login(ItTenants.ECHO)), 502, code, before);
        }
    }

    /** Each REQUIRED claim of OpenID Connect Core §2 left out, and the other ID token checks one by one: code and detail. */
    static Stream<Arguments> incompleteIdTokens() {
        return Stream.of(
                Arguments.of(IdTokenTamper.MISSING_ISS, "id-token-issuer", "carries no issuer (iss) claim"),
                Arguments.of(IdTokenTamper.MISSING_SUB, "id-token-subject", "carries no subject (sub) claim"),
                Arguments.of(IdTokenTamper.MISSING_AUD, "id-token-audience", "carries no audience (aud) claim"),
                Arguments.of(IdTokenTamper.MISSING_EXP, "id-token-lifetime", "carries no expiry (exp) claim"),
                Arguments.of(IdTokenTamper.MISSING_IAT, "id-token-lifetime", "carries no issued-at (iat) claim"),
                Arguments.of(IdTokenTamper.MISSING_TID, "id-token-issuer", "carries no tenant id (tid) claim"),
                Arguments.of(IdTokenTamper.NON_GUID_TID, "id-token-issuer", "tenant id (tid) is not a GUID"),
                Arguments.of(IdTokenTamper.ONLY_IAT_IN_FUTURE, "id-token-lifetime", "was issued in the future"),
                Arguments.of(IdTokenTamper.ONLY_NBF_IN_FUTURE, "id-token-lifetime", "is not valid before"),
                Arguments.of(IdTokenTamper.EXTRA_AUDIENCE, "id-token-audience", "audiences this app does not trust"),
                Arguments.of(IdTokenTamper.WRONG_AZP, "id-token-audience", "authorized party (azp)"),
                Arguments.of(IdTokenTamper.MALFORMED_CLAIMS, "id-token-malformed", "claims are not valid JSON"));
    }

    @ParameterizedTest
    @MethodSource("incompleteIdTokens")
    void incompleteIdTokensAreRefusedWithTheirCheck(IdTokenTamper tamper, String code, String detail) throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        try (Script ignored = standIns().entra().script(TamperRule.of(tamper).matching(Match.tenant(ItTenants.ECHO)))) {
            Page page = browser().consent(login(ItTenants.ECHO));
            assertRefused(page, 502, code, before);
            assertTrue(text(page, "error-detail").contains(detail), page.body());
            assertTrue(standIns().apis().calls().isEmpty(), "refused before Partner Center is asked");
        }
    }

    @Test
    void signInWithoutMfaIsRefusedWhenRequired() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        Page page = browser().consent(new Login(USER, ItTenants.ECHO, false));
        assertRefused(page, 403, "mfa-missing", before);
    }

    @Test
    void tenantOutsideTheAllowedListIsRefused() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        Page page = browser().consent(login(ItTenants.OUTSIDER));
        assertRefused(page, 403, "tenant-not-allowed", before);
        assertTrue(standIns().vault().secret(ItTenants.OUTSIDER).isEmpty());
    }

    @Test
    @Order(7)
    void replacingAnotherUsersConsentIsShownAndTagged() throws Exception {
        String tenant = ItTenants.BRAVO;
        assertEquals(200, browser().consent(login(tenant)).status());
        String firstObjectId = standIns().vault().secret(tenant).orElseThrow().latest().tags().get("objectId");
        VaultSnapshot before = standIns().vault().snapshot();

        Page replaced = browser().consent(new Login(OTHER_ADMIN, tenant, true));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(USER, text(replaced, "replaced-user"), "the page names whose consent was replaced");
        assertEquals(firstObjectId, text(replaced, "replaced-object-id"));
        SecretVersion added = VaultDiff.added(before, standIns().vault().snapshot(), tenant).get(0);
        assertEquals(OTHER_ADMIN, added.tags().get("consentedBy"));
        assertEquals(USER, added.tags().get("previousConsentedBy"), "the tags keep the previous consenter");
        assertEquals(firstObjectId, added.tags().get("previousObjectId"));
        assertNotEquals(firstObjectId, added.tags().get("objectId"));

        Page again = browser().consent(new Login(OTHER_ADMIN, tenant, true));
        assertEquals(200, again.status(), again.body());
        assertEquals("", text(again, "replaced-user"), "the same user consenting again replaces nobody else's");
        assertFalse(standIns().vault().secret(tenant).orElseThrow().latest().tags().containsKey("previousObjectId"));
    }

    @Test
    void userWithoutTheRequiredDirectoryRoleIsRefused() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        Page page = browser().consent(new Login("helpdesk@contosopartner.onmicrosoft.com", ItTenants.ECHO, true));
        assertRefused(page, 403, "role-missing", before);
        assertTrue(text(page, "error-detail").contains("holds none of the directory roles"), page.body());
        assertTrue(standIns().apis().calls().isEmpty(), "refused before Partner Center is asked");
    }

    @Test
    void withoutTheWidsClaimNoRoleIsSeenAndTheConsentIsRefused() throws Exception {
        standIns().directoryRoleClaims(false);
        VaultSnapshot before = standIns().vault().snapshot();
        Page page = browser().consent(login(ItTenants.ECHO));
        assertRefused(page, 403, "role-missing", before);
        assertTrue(text(page, "error-detail").contains("no wids claim"), page.body());
    }

    /** Partner Center's refusals of the fresh token, as the stand-in gives them per user and tenant. */
    static Stream<Arguments> partnerCenterRefusals() {
        java.util.function.Consumer<LocalMicrosoftApis> notAdminAgent = apis -> apis.revokeAdminAgent(ItTenants.ECHO, USER);
        java.util.function.Consumer<LocalMicrosoftApis> notAPartner = apis -> apis.notAPartner(ItTenants.ECHO);
        java.util.function.Consumer<LocalMicrosoftApis> noMfa = apis -> apis.refuseMfaOf(ItTenants.ECHO);
        return Stream.of(
                Arguments.of("not an admin agent", notAdminAgent, "partner-center-denied", 403, "not an admin agent"),
                Arguments.of("not a partner", notAPartner, "partner-center-denied", 403, "is not a partner"),
                Arguments.of("MFA not accepted", noMfa, "AADSTS900421", 401, "MFA is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partnerCenterRefusals")
    void partnerCenterRefusingTheFreshTokenStoresNothing(String why, java.util.function.Consumer<LocalMicrosoftApis> arrange,
                                                         String code, int partnerCenterStatus, String detail) throws Exception {
        arrange.accept(standIns().apis());
        VaultSnapshot before = standIns().vault().snapshot();
        Page page = browser().consent(login(ItTenants.ECHO));
        assertRefused(page, 403, code, before);
        assertTrue(text(page, "error-detail").contains("HTTP " + partnerCenterStatus), page.body());
        assertTrue(text(page, "error-detail").contains(detail), page.body());
        assertEquals(List.of(partnerCenterStatus), standIns().apis().calls().stream().map(ApiCall::status).toList(),
                "one call to Partner Center, with the fresh token, refused");
    }

    @Test
    void keyVaultRefusingIsExplainedWithBothFixesAndThePrincipal() throws Exception {
        standIns().vault().faults().forbid(Operation.SET);
        VaultSnapshot before = standIns().vault().snapshot();
        Page page = browser().consent(login(ItTenants.ECHO));
        assertRefused(page, 502, "keyvault-403", before);
        assertTrue(text(page, "error-detail").contains(StandIns.KV_CLIENT_ID), page.body());
        String fix = text(page, "error-fix");
        assertTrue(fix.contains("Key Vault Secrets Officer"), fix);
        assertTrue(fix.contains("set"), fix);
    }

    @Test
    void badLoginHintIsRefusedBeforeEntra() throws Exception {
        Page page = browser().start("login_hint=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertEquals(400, page.status(), page.body());
        assertEquals("bad-hint", text(page, "error-code"));
        assertFalse(page.body().contains("<script>alert(1)"), page.body());
    }

    @Test
    void hintsArePassedToEntra() throws Exception {
        Page start = browser().start("login_hint=admin%40contosopartner.onmicrosoft.com&domain_hint=contosopartner.onmicrosoft.com");
        assertEquals(303, start.status(), start.body());
        String location = start.location().orElseThrow();
        assertEquals("admin@contosopartner.onmicrosoft.com", query(location, "login_hint"));
        assertEquals("contosopartner.onmicrosoft.com", query(location, "domain_hint"));
        assertEquals("mfa", query(location, "amr_values"));
        assertEquals("login", query(location, "prompt"));
        assertEquals("S256", query(location, "code_challenge_method"));
        assertTrue(query(location, "state").length() >= 22, "state carries at least 128 bits");
        assertTrue(query(location, "nonce").length() >= 22, "nonce carries at least 128 bits");
        String setCookie = start.header("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("; Path=/;"), "for the whole host, as __Host- behind https requires: " + setCookie);
    }

    // ---------------------------------------------------------------- helpers

    private static JWTClaimsSet openSignInCookie(String sealed) throws Exception {
        EncryptedJWT jwt = EncryptedJWT.parse(sealed);
        jwt.decrypt(new com.nimbusds.jose.crypto.DirectDecrypter(new SecretKeySpec(Base64.getDecoder().decode(StandIns.COOKIE_KEY), "AES")));
        return jwt.getJWTClaimsSet();
    }

    private static HttpCookie signInCookie(ConsentBrowser b) {
        return b.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().startsWith("pc_signin_")).findFirst()
                .orElseThrow(() -> new AssertionError("no sign-in cookie was set"));
    }

    private static void replaceCookie(ConsentBrowser b, HttpCookie old, String value) {
        URI app = URI.create(appBaseUrl());
        b.cookies().getCookieStore().remove(app, old);
        HttpCookie forged = new HttpCookie(old.getName(), value);
        forged.setPath(old.getPath());
        forged.setVersion(0);
        b.cookies().getCookieStore().add(app, forged);
    }

    static String query(String url, String name) {
        String q = URI.create(url).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
