package dev.partnerconsent.it;

import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.DeployedApp;
import dev.partnerconsent.it.support.ForgedCookies;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ItTenants;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.it.support.RoundRobinProxy;
import dev.partnerconsent.it.support.StandInsExtension;
import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browser-facing hardening, with PartnerConsent deployed as in production behind a TLS-terminating proxy (https to the
 * browser, plain http to the app; the redirect URI is the public https URL): the security headers on every kind of
 * answer, no inline script, no caching and no referrer on the callback, result and error pages, HSTS, no open redirect
 * through any parameter, and a fresh session on every sign-in, never one the browser brought.
 */
@AppSettings("partnerconsent.redirect-uri=https://127.0.0.1:${it.tls.proxy.port}/consent/callback")
class HardeningIT extends InContainer {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static RoundRobinProxy tlsProxy;

    @BeforeAll
    static void publicHttpsAddress() throws Exception {
        standIns().registerApp("https://127.0.0.1:" + Integer.getInteger("it.tls.proxy.port"));
        tlsProxy = new RoundRobinProxy(Integer.getInteger("it.tls.proxy.port"), List.of("app"), List.of(appBaseUrl()),
                standIns().tls().serverSslContext());
    }

    @AfterAll
    static void closeProxy() {
        tlsProxy.close();
    }

    private static ConsentBrowser browser() {
        return new ConsentBrowser(tlsProxy.url());
    }

    /** One answer of each kind the app gives, all fetched through the https proxy. */
    private static Map<String, Page> answersOfEveryKind() throws Exception {
        Map<String, Page> answers = new LinkedHashMap<>();
        ConsentBrowser b = browser();
        String site = tlsProxy.url();
        answers.put("home page", b.get(site + "/"));
        answers.put("start redirect", b.start(""));
        answers.put("callback success (result page)", browser().consent(new Login(DeployedApp.USER, ItTenants.BRAVO, true)));
        answers.put("callback failure (error page)", b.get(site + "/consent/callback?error=access_denied&error_description=AADSTS65004%3A+declined"));
        answers.put("result page opened directly", b.get(site + "/consent/result.xhtml"));
        answers.put("404 page", b.get(site + "/no/such/page"));
        answers.put("405 page", b.post(site + "/setup.xhtml", Map.of()));
        answers.put("setup page", b.get(site + "/setup.xhtml"));
        answers.put("operator page, anonymous (sign-in redirect)", b.get(site + "/admin/consents.xhtml"));
        answers.put("operator action, anonymous (401 page)", b.post(site + "/admin/actions/refresh", Map.of()));
        answers.put("operator API, anonymous (401 JSON)", b.get(site + "/api/consents"));
        answers.put("operator sign-in redirect", b.get(site + "/operator/signin"));
        return answers;
    }

    @Test
    void everyAnswerCarriesTheHardeningHeadersAndHstsBehindHttps() throws Exception {
        for (var e : answersOfEveryKind().entrySet()) {
            Page page = e.getValue();
            String csp = page.header("Content-Security-Policy").orElse("");
            String what = e.getKey() + " (HTTP " + page.status() + ")";
            assertTrue(csp.contains("frame-ancestors 'none'"), what + ": " + csp);
            assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'self'"), what + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + ": " + csp);
            assertTrue(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), what + ": " + csp);
            assertEquals("DENY", page.header("X-Frame-Options").orElse(""), what);
            assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""), what);
            assertTrue(page.header("Strict-Transport-Security").orElse("").startsWith("max-age=31536000"),
                    what + ": the public site is https, so HSTS is sent even though the proxy's hop is http");
        }
    }

    @Test
    void pagesCarryNoInlineScriptOrEventHandlers() throws Exception {
        for (var e : answersOfEveryKind().entrySet()) {
            String body = e.getValue().body();
            assertFalse(INLINE_SCRIPT.matcher(body).find(), e.getKey() + " has an inline <script>: " + body);
            assertFalse(EVENT_HANDLER.matcher(body).find(), e.getKey() + " has an inline event handler: " + body);
            assertFalse(body.toLowerCase().contains("javascript:"), e.getKey() + " has a javascript: URL");
        }
    }

    @Test
    void callbackResultAndErrorPagesAreNeitherCachedNorSentAsReferrer() throws Exception {
        Map<String, Page> answers = answersOfEveryKind();
        for (String kind : List.of("start redirect", "callback success (result page)", "callback failure (error page)",
                "result page opened directly", "404 page", "405 page", "operator action, anonymous (401 page)",
                "operator API, anonymous (401 JSON)")) {
            Page page = answers.get(kind);
            assertTrue(page.header("Cache-Control").orElse("").contains("no-store"), kind + ": " + page.response().headers().map());
            assertEquals("no-referrer", page.header("Referrer-Policy").orElse(""), kind);
        }
        assertEquals(200, answers.get("callback success (result page)").status());
        assertEquals(400, answers.get("callback failure (error page)").status());
    }

    @Test
    void theSignInCookieIsSecureHostOnlyAndSingleUseBehindHttps() throws Exception {
        ConsentBrowser b = browser();
        Page start = b.start("");
        String setCookie = start.response().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-pc_signin_")).findFirst().orElseThrow(() -> new AssertionError(start.response().headers().map()));
        assertTrue(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.contains("; Path=/;"), "a __Host- cookie is for the whole host: " + setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertFalse(setCookie.toLowerCase().contains("domain="), "host-only: " + setCookie);
        assertTrue(query(start.location().orElseThrow(), "redirect_uri").startsWith("https://127.0.0.1:"),
                "Entra is told the public https reply URL");

        Page result = b.callback(b.signIn(start, new Login(DeployedApp.USER, ItTenants.CHARLIE, true)));
        assertEquals(200, result.status(), result.body());
        Page callback = result.redirectedFrom();
        assertEquals(303, callback.status(), "the callback answers with a redirect to its outcome");
        assertTrue(callback.response().headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith(setCookie.substring(0, setCookie.indexOf('=') + 1)) && c.contains("Max-Age=0")),
                "the sign-in cookie is cleared by the callback: " + callback.response().headers().map());
    }

    @Test
    void noParameterRedirectsOffSite() throws Exception {
        List<String> evil = List.of("https://evil.example/", "//evil.example/", "/\\evil.example", "https:evil.example",
                "javascript:alert(1)", "/%2F/evil.example", "http://127.0.0.1.evil.example/", "\\\\evil.example");
        List<String> routes = List.of("/consent/start", "/consent/callback", "/operator/signin", "/operator/callback",
                "/admin/consents.xhtml", "/");
        List<String> params = List.of("return", "returnUrl", "redirect_uri", "redirect", "next", "url", "post_logout_redirect_uri",
                "error_uri", "target");
        String site = tlsProxy.url();
        for (String route : routes) {
            for (String param : params) {
                for (String target : evil) {
                    ConsentBrowser b = browser();
                    Page page = b.get(site + route + "?" + param + "=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
                    page.location().ifPresent(location -> assertOnSite(location, route + "?" + param + "=" + target));
                }
            }
        }
        // the operator sign-in carried to its end with an evil return still lands on the app's own page
        for (String target : evil) {
            ConsentBrowser b = browser();
            Page start = b.get(site + "/operator/signin?return=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            Page back = b.callback(b.signInAt(start.location().orElseThrow(), new Login(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT, true)));
            String location = back.location().orElseThrow(() -> new AssertionError(back.status() + " " + back.body()));
            assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.contains("evil"), target + " -> " + location);
        }
    }

    /** A redirect stays on the app, or goes to the configured Entra ID with the configured reply URL. */
    private static void assertOnSite(String location, String request) {
        URI uri = URI.create(location);
        if (uri.getHost() == null) {
            assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"), request + " -> " + location);
            return;
        }
        if (location.startsWith(standIns().entra().baseUrl() + "/")) {
            String replyTo = query(location, "redirect_uri");
            assertTrue(replyTo.equals(StandInsExtension.appSettings().get("partnerconsent.redirect-uri"))
                    || replyTo.equals(tlsProxy.url() + "/operator/callback"), request + " -> reply URL " + replyTo);
            return;
        }
        assertTrue(location.startsWith(tlsProxy.url() + "/") || location.startsWith(appBaseUrl() + "/"), request + " -> " + location);
    }

    @Test
    void everySignInStartsAFreshSessionAndIgnoresOnePlantedByAnAttacker() throws Exception {
        ConsentBrowser b = browser();
        URI app = URI.create(tlsProxy.url());
        String planted = ForgedCookies.operatorSession(ForgedCookies.randomKey(new java.util.Random(7)));
        b.cookies().getCookieStore().add(app, cookie("pc_operator", planted));
        b.cookies().getCookieStore().add(app, cookie("JSESSIONID", "attacker-chosen-session-id"));
        assertEquals(302, b.get(tlsProxy.url() + "/admin/consents.xhtml").status(), "the planted session is not accepted");

        String first = operatorSignIn(b);
        assertNotEquals(planted, first, "the sign-in replaced the planted session");
        assertEquals(200, b.get(tlsProxy.url() + "/admin/consents.xhtml").status(), "the new session works");
        assertFalse(csrfOf(b).isEmpty(), "the session page carries its anti-forgery token");
        String second = operatorSignIn(b);
        assertNotEquals(first, second, "each sign-in issues a new session");

        // a second cookie of the name beside the valid one (planted for a deeper path, which the browser sends first)
        HttpCookie beside = cookie("__Host-pc_operator", planted);
        beside.setPath("/admin");
        b.cookies().getCookieStore().add(app, beside);
        assertEquals(302, b.get(tlsProxy.url() + "/admin/consents.xhtml").status(),
                "two session cookies of one name: neither is trusted, the operator signs in again");
        // the operator whose session had a cookie planted beside it finds it on the audit trail
        String reader = Operators.appToken(standIns(), Operators.READER_CLIENT_ID, Operators.READER_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        String label = Operators.label(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        String rows = dev.partnerconsent.it.support.OperatorApi.bearer(reader).get("/api/audit?kind=operator.refused&actor="
                + URLEncoder.encode(label, StandardCharsets.UTF_8)).body();
        assertTrue(rows.contains("two operator session cookies in one request: another was planted beside this session"), rows);

        // the consent flow keeps no server session at all: nothing to fix, nothing to steal
        ConsentBrowser consent = browser();
        Page result = consent.consent(new Login(DeployedApp.USER, ItTenants.DELTA, true));
        assertEquals(200, result.status(), result.body());
        assertTrue(consent.cookies().getCookieStore().getCookies().stream().noneMatch(c -> c.getName().equals("JSESSIONID")),
                "no container session is created by a consent: " + consent.cookies().getCookieStore().getCookies().size() + " cookies");
    }

    private static String operatorSignIn(ConsentBrowser b) throws Exception {
        Page start = b.get(tlsProxy.url() + "/operator/signin");
        Page back = b.callback(b.signInAt(start.location().orElseThrow(), new Login(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT, true)));
        String issued = back.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__Host-pc_operator="))
                .map(c -> c.substring("__Host-pc_operator=".length(), c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no operator session issued: " + back.response().headers().map()));
        assertFalse(back.response().headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("attacker-chosen-session-id")));
        return issued;
    }

    private static String csrfOf(ConsentBrowser b) throws Exception {
        var m = Pattern.compile("name=\"csrf\"[^>]*value=\"([^\"]+)\"").matcher(b.get(tlsProxy.url() + "/admin/consents.xhtml").body());
        return m.find() ? m.group(1) : "";
    }

    private static HttpCookie cookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        c.setSecure(true);
        return c;
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
