package dev.partnerconsent.it;

import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app deployed with the misconfigurations that make Microsoft's sample fail silently: each setting concerned is
 * named on {@code /setup.xhtml} (no configured value), {@code /health/ready} counts them, the server log explains each,
 * and {@code /consent/start} shows the verdict instead of redirecting.
 */
@AppSettings({
        "partnerconsent.client-id=my-partner-app",
        "partnerconsent.client-secret=6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8",
        "partnerconsent.redirect-uri=http://127.0.0.1:${it.app.port}/consent/callback/",
        "partnerconsent.keyvault.url=https://partner-vault.vault.azure.com/",
        "partnerconsent.keyvault.verify-challenge-resource=true",
        "partnerconsent.allowed-tenants="})
class SetupProblemsIT extends InContainer {

    private final ConsentBrowser browser = new ConsentBrowser(appBaseUrl());

    @Test
    void everyMisconfigurationIsNamedToStrangersByItsKeyAndExplainedInTheLog() throws Exception {
        Page setup = browser.get(appBaseUrl() + "/setup.xhtml");
        assertEquals(200, setup.status());
        String page = ConsentBrowser.unescape(setup.body());
        Page ready = browser.get(appBaseUrl() + "/health/ready");
        assertEquals(503, ready.status(), ready.body());
        assertTrue(ready.body().contains("DOWN"), ready.body());
        assertTrue(ready.body().matches("(?s).*\"problems\"\\s*:\\s*\"?[4-9].*"), "readiness counts the problems: " + ready.body());
        String log = serverLog();
        for (String key : new String[]{"partnerconsent.client-id", "partnerconsent.client-secret", "partnerconsent.redirect-uri",
                "partnerconsent.keyvault.url", "partnerconsent.allowed-tenants"}) {
            assertTrue(page.contains(key), "setup page names: " + key + "\n" + page);
            assertFalse(ready.body().contains(key), "readiness names no setting: " + ready.body());
        }
        for (String detail : new String[]{"'my-partner-app' is not a GUID", "AADSTS7000215", "ends with '/'",
                "is not a Key Vault host", "No tenant is allowed to store a consent"}) {
            assertFalse(page.contains(detail), "a stranger is not told: " + detail + "\n" + page);
            assertFalse(ready.body().contains(detail), "readiness does not tell: " + detail);
            assertTrue(log.contains(detail), "the server log explains: " + detail);
        }
        for (String value : new String[]{"my-partner-app", "partner-vault.vault.azure.com", "6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8"}) {
            assertFalse(setup.body().contains(value), "no configured value on the public page: " + value);
            assertFalse(ready.body().contains(value), "no configured value in readiness: " + value);
        }
        assertFalse(log.contains("6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8"), "the secret itself is never logged");
        // the details for operators are behind the operator sign-in
        assertEquals(401, browser.get(appBaseUrl() + "/api/setup").status());
        Page admin = browser.get(appBaseUrl() + "/admin/setup.xhtml");
        assertTrue(admin.status() == 302 || admin.status() == 303, admin.status() + " " + admin.body());
    }

    private static String serverLog() throws Exception {
        StringBuilder all = new StringBuilder();
        for (java.nio.file.Path file : dev.partnerconsent.it.support.LeakCheck.capturedLogs()) {
            all.append(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    @Test
    void consentStartShowsTheProblemsInsteadOfRedirecting() throws Exception {
        Page start = browser.start(null);
        assertEquals(503, start.status(), start.body());
        assertTrue(start.location().isEmpty());
        assertTrue(start.body().contains("PartnerConsent is not ready"), start.body());
        assertTrue(start.body().contains("partnerconsent.client-id"), start.body());
        assertFalse(start.body().contains("my-partner-app"), start.body());
        Page home = browser.get(appBaseUrl() + "/");
        assertTrue(home.body().contains("setup-warning"), home.body());
    }
}
