package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ItTenants;
import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.standin.entra.EntraError;
import dev.partnerconsent.standin.entra.EntraErrorCodes;
import dev.partnerconsent.standin.entra.Match;
import dev.partnerconsent.standin.entra.Script;
import dev.partnerconsent.standin.entra.ScriptedFailure;
import dev.partnerconsent.standin.entra.Stage;
import dev.partnerconsent.standin.keyvault.Operation;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import dev.partnerconsent.standin.keyvault.VaultSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import static dev.partnerconsent.it.support.ConsentBrowser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks the failure catalogue through the real flow: every sign-in code the issue lists is produced by the local Entra
 * ID, every Key Vault answer by the emulator's fault injection, and the page shows that entry's own fix.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiagnosticsIT extends InContainer {

    private static final FailureCatalogue CATALOGUE = new FailureCatalogue();
    private static final String TENANT = ItTenants.DELTA;

    @AfterEach
    void reset() {
        standIns().entra().clearScripts();
        standIns().vault().faults().reset();
    }

    private static Page consent() throws Exception {
        return new ConsentBrowser(appBaseUrl()).consent(new Login("ops@contosopartner.onmicrosoft.com", TENANT, true));
    }

    private static void assertExplained(Page page, String code, int status, VaultSnapshot before) {
        Explanation entry = CATALOGUE.find(code).orElseThrow(() -> new AssertionError("no catalogue entry " + code));
        assertEquals(status, page.status(), page.body());
        assertEquals(code, text(page, "error-code"), page.body());
        assertEquals(entry.title(), text(page, "error-title"));
        assertEquals(entry.fix(), text(page, "error-fix"), "the page shows this entry's own fix");
        assertEquals(entry.meaning(), text(page, "error-meaning"));
        assertFalse(page.body().contains("at dev.partnerconsent"), "no stack trace");
        assertEquals(before, standIns().vault().snapshot(), "nothing stored");
    }

    static Stream<Arguments> signInFailures() {
        Stage r = Stage.REDIRECT;
        Stage t = Stage.CODE_GRANT;
        return Stream.of(
                Arguments.of(EntraErrorCodes.AADSTS50011, r), Arguments.of(EntraErrorCodes.AADSTS500112, r),
                Arguments.of(EntraErrorCodes.AADSTS500113, r), Arguments.of(EntraErrorCodes.AADSTS7000215, t),
                Arguments.of(EntraErrorCodes.AADSTS7000222, t), Arguments.of(EntraErrorCodes.AADSTS700016, r),
                Arguments.of(EntraErrorCodes.AADSTS65001, r), Arguments.of(EntraErrorCodes.AADSTS650052, r),
                Arguments.of(EntraErrorCodes.AADSTS65005, r), Arguments.of(EntraErrorCodes.AADSTS50020, r),
                Arguments.of(EntraErrorCodes.AADSTS50105, r), Arguments.of(EntraErrorCodes.AADSTS53003, r),
                Arguments.of(EntraErrorCodes.AADSTS50076, r), Arguments.of(EntraErrorCodes.AADSTS50078, r),
                Arguments.of(EntraErrorCodes.AADSTS70043, t), Arguments.of(EntraErrorCodes.AADSTS700082, t),
                Arguments.of(EntraErrorCodes.AADSTS50173, t), Arguments.of(EntraErrorCodes.AADSTS70000, t),
                Arguments.of(EntraErrorCodes.AADSTS700007, t), Arguments.of(EntraErrorCodes.AADSTS90002, r),
                Arguments.of(EntraError.of(900421, "invalid_grant",
                        "The access token lacks the MFA claim required by the resource."), t));
    }

    @ParameterizedTest(name = "AADSTS{0}")
    @MethodSource("signInFailures")
    void signInFailureShowsItsFix(EntraError error, Stage stage) throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        try (Script ignored = standIns().entra().script(ScriptedFailure.of(error, stage).matching(Match.tenant(TENANT)))) {
            Page page = consent();
            assertExplained(page, "AADSTS" + error.code(), stage == Stage.REDIRECT ? 400 : 502, before);
            assertTrue(text(page, "support-block").contains("Trace ID: "), page.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"access_denied", "consent_required", "invalid_client", "invalid_grant"})
    void plainOAuthErrorsShowTheirFix(String error) throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        // Entra's answer to a sign-in this browser started: an error is believed only with that sign-in's state
        ConsentBrowser browser = new ConsentBrowser(appBaseUrl());
        String state = ConsentFlowIT.query(browser.start(null).location().orElseThrow(), "state");
        Page page = browser.get(appBaseUrl() + "/consent/callback?error=" + error
                + "&error_description=" + URLEncoder.encode("The request was refused.", StandardCharsets.UTF_8) + "&state=" + state);
        assertExplained(page, error, 400, before);
    }

    @Test
    void unknownCodeIsExplainedByItsOAuthErrorAndKeepsTheRawCode() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        EntraError unheard = EntraError.of(4242424, "invalid_request", "Something nobody has seen before.");
        try (Script ignored = standIns().entra().script(ScriptedFailure.of(unheard, Stage.REDIRECT).matching(Match.tenant(TENANT)))) {
            Page page = consent();
            assertEquals(400, page.status());
            assertEquals("AADSTS4242424", text(page, "error-code"));
            assertTrue(text(page, "error-detail").contains("Something nobody has seen before."), page.body());
            assertTrue(text(page, "error-title").contains("AADSTS4242424"), page.body());
            assertTrue(text(page, "error-title").startsWith(CATALOGUE.find("invalid_request").orElseThrow().title()), page.body());
            assertEquals(before, standIns().vault().snapshot());
        }
    }

    @Test
    void failuresAndConsentsAreCountedInMetrics() throws Exception {
        ConsentBrowser browser = new ConsentBrowser(appBaseUrl());
        assertEquals(200, browser.consent(new Login("ops@contosopartner.onmicrosoft.com", ItTenants.CHARLIE, true)).status());
        assertEquals(403, browser.consent(new Login("ops@contosopartner.onmicrosoft.com", ItTenants.CHARLIE, false)).status());
        Page metrics = browser.get(appBaseUrl() + "/metrics?scope=application");
        assertEquals(200, metrics.status(), metrics.body());
        assertTrue(metrics.body().contains("partnerconsent_consents_succeeded"), metrics.body());
        assertTrue(metrics.body().contains("code=\"mfa-missing\""), metrics.body());
        assertTrue(metrics.body().contains("partnerconsent_token_endpoint"), metrics.body());
        assertTrue(metrics.body().contains("partnerconsent_keyvault"), metrics.body());
        // the whole callback, which the consent benchmark subtracts the two waits from
        assertTrue(metrics.body().contains("partnerconsent_callback"), metrics.body());
    }

    @Test
    void keyVaultForbiddenShowsBothPermissionModels() throws Exception {
        standIns().vault().faults().forbid(Operation.SET);
        VaultSnapshot before = standIns().vault().snapshot();
        Page page = consent();
        assertExplained(page, "keyvault-403", 502, before);
        assertTrue(text(page, "error-detail").contains(StandIns.KV_CLIENT_ID), "names the principal: " + page.body());
    }

    @Test
    void keyVaultThrottlingShowsItsFix() throws Exception {
        standIns().vault().faults().throttleNext(20, Duration.ofMillis(50), Operation.SET);
        VaultSnapshot before = standIns().vault().snapshot();
        assertExplained(consent(), "keyvault-429", 503, before);
    }

    @Test
    void keyVaultServerErrorShowsItsFix() throws Exception {
        standIns().vault().faults().failNext(503, 20, Operation.SET);
        VaultSnapshot before = standIns().vault().snapshot();
        assertExplained(consent(), "keyvault-5xx", 502, before);
    }

    /**
     * Runs last: once the emulator has expired the app's Key Vault token, the SDK keeps presenting it until its own
     * expiry (as it would against Azure), so every later Key Vault call of this deployment is refused.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void keyVaultCredentialFailureShowsItsFix() throws Exception {
        standIns().vault().expireTokens();
        standIns().vault().faults().failNext(503, 20, Operation.TOKEN);
        VaultSnapshot before = standIns().vault().snapshot();
        assertExplained(consent(), "keyvault-401", 502, before);
    }

    @Test
    void softDeletedSecretIsRecoveredAndWritten() throws Exception {
        String tenant = ItTenants.BRAVO;
        Page first = new ConsentBrowser(appBaseUrl()).consent(new Login("ops@contosopartner.onmicrosoft.com", tenant, true));
        assertEquals(200, first.status(), first.body());
        int versions = standIns().vault().secret(tenant).orElseThrow().versions().size();
        standIns().vaultClient().beginDeleteSecret(tenant).waitForCompletion(Duration.ofSeconds(30));
        assertEquals(StoredSecret.State.DELETED,
                standIns().vault().secret(tenant).orElseThrow().state());
        Page second = new ConsentBrowser(appBaseUrl()).consent(new Login("ops@contosopartner.onmicrosoft.com", tenant, true));
        assertEquals(200, second.status(), second.body());
        var secret = standIns().vault().secret(tenant).orElseThrow();
        assertEquals(StoredSecret.State.ACTIVE, secret.state());
        assertEquals(versions + 1, secret.versions().size(), "recovered, then one new version");
        assertEquals(standIns().entra().lastRefreshToken(tenant).orElseThrow(), secret.latest().value());
    }
}
