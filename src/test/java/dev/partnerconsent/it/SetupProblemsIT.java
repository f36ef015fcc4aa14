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
 * The app deployed with the misconfigurations that make Microsoft's sample fail silently: each one appears on
 * {@code /setup.xhtml} and in {@code /health/ready}, and {@code /consent/start} shows them instead of redirecting.
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
    void everyMisconfigurationIsOnTheSetupPageAndInReadiness() throws Exception {
        Page setup = browser.get(appBaseUrl() + "/setup.xhtml");
        assertEquals(200, setup.status());
        String page = ConsentBrowser.unescape(setup.body());
        Page ready = browser.get(appBaseUrl() + "/health/ready");
        assertEquals(503, ready.status(), ready.body());
        assertTrue(ready.body().contains("DOWN"), ready.body());
        for (String expected : new String[]{"partnerconsent.client-id", "'my-partner-app' is not a GUID",
                "partnerconsent.client-secret", "AADSTS7000215",
                "partnerconsent.redirect-uri", "ends with '/'",
                "partnerconsent.keyvault.url", "is not a Key Vault host",
                "partnerconsent.allowed-tenants", "No tenant is allowed to store a consent"}) {
            assertTrue(page.contains(expected), "setup page names: " + expected + "\n" + page);
            assertTrue(ready.body().contains(expected), "readiness names: " + expected + "\n" + ready.body());
        }
        assertFalse(setup.body().contains("6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8"), "the secret itself is never shown");
        assertFalse(ready.body().contains("6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8"), "the secret itself is never shown");
    }

    @Test
    void consentStartShowsTheProblemsInsteadOfRedirecting() throws Exception {
        Page start = browser.start(null);
        assertEquals(503, start.status(), start.body());
        assertTrue(start.location().isEmpty());
        assertTrue(start.body().contains("PartnerConsent is not ready"), start.body());
        assertTrue(start.body().contains("partnerconsent.client-id"), start.body());
        Page home = browser.get(appBaseUrl() + "/");
        assertTrue(home.body().contains("setup-warning"), home.body());
    }
}
