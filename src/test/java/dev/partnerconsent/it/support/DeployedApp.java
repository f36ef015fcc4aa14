package dev.partnerconsent.it.support;

import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.standin.keyvault.StoredSecret;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.partnerconsent.it.support.ConsentBrowser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every deployment test checks on the server it started: the start page, and a full consent ending on the
 * result page with the refresh token stored as a new secret version in the local Key Vault.
 */
public final class DeployedApp {

    public static final String USER = "admin@contosopartner.onmicrosoft.com";

    private DeployedApp() {
    }

    /** The stand-in settings for the app served at {@code baseUrl}: its reply URL registered, allowed tenants set. */
    public static Map<String, String> settingsFor(StandIns standIns, String baseUrl, String... extraTenants) {
        Map<String, String> settings = new LinkedHashMap<>(standIns.registerApp(baseUrl));
        settings.put("partnerconsent.allowed-tenants",
                ItTenants.allowedSetting() + (extraTenants.length == 0 ? "" : "," + String.join(",", extraTenants)));
        return settings;
    }

    /** The JVM options every test server gets: tmp dir under target/, trust in the local Key Vault's certificate. */
    public static List<String> jvmOptions(StandIns standIns) {
        List<String> options = new java.util.ArrayList<>();
        options.add("-XX:-UsePerfData");                 // no hsperfdata in /tmp
        options.add("-Djava.io.tmpdir=" + tmpDir());
        options.add("-Dsun.net.httpserver.nodelay=true");
        // Payara's default datasource is H2 with AUTO_SERVER=TRUE: its TCP server binds all interfaces unless told
        options.add("-Dh2.bindAddress=127.0.0.1");
        options.addAll(standIns.trustStoreOptions());
        return options;
    }

    public static Path tmpDir() {
        return Path.of(System.getProperty("it.tmpdir", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
    }

    public static Path target() {
        return Path.of("target").toAbsolutePath();
    }

    public static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** The start page offers consent and shows no setup problem (the settings reached the app). */
    public static void assertStartPage(String baseUrl, ServerProcess server) throws Exception {
        HttpResponse<String> page = get(baseUrl + "/");
        assertEquals(200, page.statusCode(), page.body() + server.failureContext());
        assertTrue(page.body().contains("id=\"grant-consent\""), page.body());
        assertTrue(page.body().contains("/consent/start"), page.body());
        assertFalse(page.body().contains("setup-warning"), "the settings reached the app: " + page.body());
    }

    /** A readiness document that is UP and carries the app's own settings check. */
    public static void assertReady(HttpResponse<String> ready) {
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().replace(" ", "").contains("\"status\":\"UP\""), ready.body());
        assertTrue(ready.body().contains("\"setup\""), "the app's readiness check is included: " + ready.body());
    }

    /** The whole consent through {@code browser}; asserts the result page and the stored secret version. */
    public static Page assertFullConsent(StandIns standIns, ConsentBrowser browser, String tenant, ServerProcess server)
            throws Exception {
        Page result = browser.consent(new Login(USER, tenant, true));
        return assertConsented(standIns, result, tenant, server);
    }

    public static Page assertConsented(StandIns standIns, Page result, String tenant, ServerProcess server) {
        assertEquals(200, result.status(), result.body() + server.failureContext());
        assertEquals("Consent successful", text(result, "consent-ok").lines().findFirst().orElse("").strip(), result.body());
        assertEquals(tenant, text(result, "tenant-id"));
        assertEquals(USER, text(result, "user"));
        assertEquals(tenant, text(result, "secret-name"));
        assertTrue(text(result, "mfa").startsWith("Yes"), result.body());
        StoredSecret stored = standIns.vault().secret(tenant).orElseThrow(() -> new AssertionError("nothing stored for " + tenant));
        assertEquals(text(result, "secret-version"), stored.latest().version(), "the page shows the version Key Vault made");
        String issued = standIns.entra().lastRefreshToken(tenant).orElseThrow();
        assertEquals(issued, stored.values().get(stored.values().size() - 1), "the stored value is the issued refresh token");
        assertFalse(result.body().contains(issued), "the page never shows the token");
        return result;
    }
}
