package dev.partnerconsent.it;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.InContainer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged WAR's first face on Payara Micro: the start page, the health probes and the troubleshooting guide. */
class StartPageIT extends InContainer {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(appBaseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startPageOffersConsent() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Partner Center consent"), page.body());
        assertTrue(page.body().contains("id=\"grant-consent\""), page.body());
        assertTrue(page.body().contains("/consent/start"), page.body());
        assertTrue(page.body().contains("Key Vault"), page.body());
        assertTrue(!page.body().contains("setup-warning"), "configured for the stand-ins, no setup warning expected");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertTrue(page.headers().firstValue("Strict-Transport-Security").isEmpty(),
                "a site served over plain http (loopback redirect URI) sends no HSTS; HardeningIT covers https");
    }

    @Test
    void readyAndLive() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\":\"UP\"") || ready.body().contains("\"status\": \"UP\""), ready.body());
        assertTrue(ready.body().contains("\"setup\""), "the app's own readiness check: " + ready.body());
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("partner-consent"), live.body());
    }

    @Test
    void unknownPageIsAnExplainedNotFound() throws Exception {
        HttpResponse<String> missing = get("/no-such-page.xhtml");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("not-found"), missing.body());
        assertTrue(!missing.body().contains("Exception"), missing.body());
    }

    @Test
    void troubleshootingListsEveryCodeAndErrorPagesLinkToTheirEntry() throws Exception {
        HttpResponse<String> guide = get("/troubleshooting");
        assertEquals(200, guide.statusCode(), guide.body());
        String body = guide.body().replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        for (Explanation e : new FailureCatalogue().entries().values()) {
            assertTrue(body.contains("<article id=\"" + e.code() + "\" class=\"entry\">"), "anchor of " + e.code());
            assertTrue(body.contains("<span class=\"entry-title\">" + e.title() + "</span>"), "title of " + e.code());
        }
        assertTrue(guide.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertTrue(!guide.body().contains("<script>") && !guide.body().contains("style="), "no inline script or style");
        assertTrue(get("/setup.xhtml").body().contains("href=\"/troubleshooting\""), "the setup check links to the guide");
        // an Entra error, an AADSTS code the catalogue lacks (explained by its OAuth error) and a 404: each links to its entry
        String entraError = entraAnswers("error=invalid_client&error_description=AADSTS7000215%3A+Invalid+client+secret+provided.");
        assertTrue(entraError.contains("href=\"/troubleshooting#AADSTS7000215\""), entraError);
        String unheard = entraAnswers("error=invalid_request&error_description=AADSTS4242424%3A+Never+seen.");
        assertTrue(unheard.contains("href=\"/troubleshooting#invalid_request\""), unheard);
        String notFound = get("/no-such-page.xhtml").body();
        assertTrue(notFound.contains("href=\"/troubleshooting#not-found\""), notFound);
    }

    /** The page of an error Entra ID answers to a sign-in this browser started (only then is its text believed). */
    private static String entraAnswers(String error) throws Exception {
        ConsentBrowser browser = new ConsentBrowser(appBaseUrl());
        String state = ConsentFlowIT.query(browser.start(null).location().orElseThrow(), "state");
        return browser.get(appBaseUrl() + "/consent/callback?" + error + "&state=" + state).body();
    }
}
