package dev.partnerconsent.it;

import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(ready.body().contains("partnerconsent.client-id: No application (client) id is set."), ready.body());
        assertTrue(ready.body().contains("probe:keyvault"), ready.body());
        assertTrue(ready.body().contains("keyvault-unreachable"), ready.body());

        Page setup = browser.get(appBaseUrl() + "/setup.xhtml");
        assertTrue(setup.body().contains("No application (client) id is set."), setup.body());
        assertTrue(setup.body().contains("probe:keyvault"), setup.body());
        assertTrue(setup.body().contains("Could not connect to Key Vault https://127.0.0.1:9/"), setup.body());

        Page callback = browser.get(appBaseUrl() + "/consent/callback?code=abc&state=def");
        assertEquals(503, callback.status(), "a callback while unconfigured shows the setup problems");
    }
}
