package dev.partnerconsent.it;

import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No client id, and a vault nobody answers at: both reported by the setup check and readiness. */
@AppSettings({
        "partnerconsent.client-id=",
        "partnerconsent.keyvault.url=https://127.0.0.1:9/"})
class UnreachableVaultIT extends InContainer {

    @Test
    void missingClientIdAndUnreachableVaultAreReported() throws Exception {
        ConsentBrowser browser = new ConsentBrowser(appBaseUrl());
        Page ready = browser.get(appBaseUrl() + "/health/ready");
        assertEquals(503, ready.status(), ready.body());
        assertFalse(ready.body().contains("127.0.0.1:9"), "readiness names no configured value: " + ready.body());

        Page setup = browser.get(appBaseUrl() + "/setup.xhtml");
        assertTrue(setup.body().contains("partnerconsent.client-id"), setup.body());
        assertTrue(setup.body().contains("probe:keyvault"), setup.body());
        assertFalse(setup.body().contains("https://127.0.0.1:9/"), "the vault URL is for operators: " + setup.body());

        StringBuilder log = new StringBuilder();
        for (java.nio.file.Path file : dev.partnerconsent.it.support.LeakCheck.capturedLogs()) {
            log.append(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(log.toString().contains("partnerconsent.client-id: No application (client) id is set."), "the log explains");
        assertTrue(log.toString().contains("keyvault-unreachable") || log.toString().contains("Could not connect to Key Vault https://127.0.0.1:9/"),
                "the log explains the probe");

        Page callback = browser.get(appBaseUrl() + "/consent/callback?code=abc&state=def");
        assertEquals(503, callback.status(), "a callback while unconfigured shows the setup problems");
    }
}
