package dev.partnerconsent.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.KeepAliveRuns;
import dev.partnerconsent.it.support.OperatorApi;
import dev.partnerconsent.it.support.OperatorApi.Answer;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.it.support.SeededConsents;
import dev.partnerconsent.standin.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts on Payara Micro: the mail session is the server's (created by a post-boot asadmin command, found by JNDI
 * name), mail goes to a real SMTP server in this JVM (GreenMail), webhooks to a local HTTPS receiver. Each event is
 * exactly one alert per channel with the tenant, its name, the cause's troubleshooting link and the re-consent link; a
 * channel answering 500 and one that never answers are retried and every attempt audited; keep-alive over consents
 * that all raise alerts takes as long as over consents that raise none, though two channels are dead.
 * <p>
 * Its own deployment: an alert is sent once per event, tenant and day, so run-wide alerts (a keep-alive run failed)
 * would depend on which class of a shared deployment ran first.
 */
@AppSettings({
        "partnerconsent.alerts.webhooks=json=https://127.0.0.1:${it.hook.port}/json,slack=https://127.0.0.1:${it.hook.port}/slack,"
                + "teams=https://127.0.0.1:${it.hook.port}/failing,json=https://127.0.0.1:${it.hook.port}/hanging",
        "partnerconsent.alerts.mail-session=mail/partnerconsent",
        "partnerconsent.alerts.mail-to=ops@partner.example,oncall@partner.example",
        "partnerconsent.alerts.timeout=PT1S",
        "partnerconsent.alerts.backoff=PT0.2S,PT0.2S",
        "partnerconsent.public-url=https://consent.example.com"})
@org.junit.jupiter.api.TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsIT extends InContainer {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static GreenMail smtp;
    private static WebhookReceiver hooks;
    private static OperatorApi api;

    @BeforeAll
    static void channels() throws Exception {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        hooks = WebhookReceiver.start(standIns().tls(), Integer.getInteger("it.hook.port"));
        hooks.answer("/failing", WebhookReceiver.Answer.FAIL);
        hooks.answer("/hanging", WebhookReceiver.Answer.HANG);
        api = OperatorApi.bearer(Operators.appToken(standIns(), Operators.OPERATOR_CLIENT_ID, Operators.OPERATOR_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope()));
    }

    @AfterAll
    static void stopChannels() {
        hooks.close();
        smtp.stop();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static JsonObject runAll() throws Exception {
        KeepAliveRuns.awaitIdle(api);
        Answer started = api.post("/api/consents/refresh", Map.of());
        assertEquals(202, started.status(), started.body());
        return KeepAliveRuns.awaitEnd(api, started.json().getString("id"));
    }

    private static List<String> kinds(List<String> bodies) {
        return bodies.stream().map(b -> json(b).getString("kind")).sorted().toList();
    }

    /** The messages received (one per recipient) once there are {@code n}. */
    private static MimeMessage[] mails(int n) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        // GreenMail's own wait counts deliveries, not recipients' messages: it waits a second at a time for more
        while (smtp.getReceivedMessages().length < n && System.nanoTime() < end) {
            smtp.waitForIncomingEmail(1_000, smtp.getReceivedMessages().length + 1);
        }
        if (smtp.getReceivedMessages().length < n) {
            throw new AssertionError("at least " + n + " messages, got " + smtp.getReceivedMessages().length + "; audited: "
                    + api.get("/api/audit?kind=alert.failed&size=500").body() + " "
                    + api.get("/api/audit?kind=alert.sent&size=500").body());
        }
        return smtp.getReceivedMessages();
    }

    @Test
    @Order(1)
    void eachEventIsOneAlertPerChannelWithTheTenantTheCauseAndBothLinks() throws Exception {
        standIns().vault().clear();
        String withoutMfa = SeededConsents.seed(1, false).get(0);
        String revoked = SeededConsents.seed(1).get(0);
        SeededConsents.seed(2);
        standIns().entra().revokeRefreshTokens(revoked, null);

        JsonObject run = runAll();
        assertEquals(1, run.getInt("failed"), run.toString());
        Answer check = api.post("/api/consents/" + withoutMfa + "/check", Map.of());
        assertEquals(200, check.status(), check.body());

        // mfa-missing and needs-reconsent (keep-alive), keepalive-run-failed, access-check-failed (Partner Center's 900421)
        List<String> expected = List.of("access-check-failed", "keepalive-run-failed", "mfa-missing", "needs-reconsent");
        assertEquals(expected, kinds(hooks.await("/json", 4, WAIT)));
        List<String> slack = hooks.await("/slack", 4, WAIT);
        assertEquals(8, mails(8).length, "four alerts, two recipients each");

        JsonObject dead = hooks.bodies("/json").stream().map(AlertsIT::json)
                .filter(b -> b.getString("kind").equals("needs-reconsent")).findFirst().orElseThrow();
        assertEquals(revoked, dead.getString("tenantId"));
        assertEquals("seeded-partner.onmicrosoft.com", dead.getString("tenantName"), "the consenting admin's domain");
        assertEquals("AADSTS50173", dead.getString("cause"));
        assertFalse(dead.getString("causeTitle").isBlank());
        assertEquals("https://consent.example.com/troubleshooting#AADSTS50173", dead.getString("troubleshooting"));
        assertEquals("https://consent.example.com/consent/start?domain_hint=" + revoked, dead.getString("reconsentLink"));
        JsonObject noMfa = hooks.bodies("/json").stream().map(AlertsIT::json)
                .filter(b -> b.getString("kind").equals("mfa-missing")).findFirst().orElseThrow();
        assertEquals(withoutMfa, noMfa.getString("tenantId"));
        assertEquals("https://consent.example.com/troubleshooting#mfa-missing", noMfa.getString("troubleshooting"));
        assertTrue(slack.stream().map(AlertsIT::json).anyMatch(b -> b.getJsonArray("blocks").toString()
                .contains("<https://consent.example.com/troubleshooting#AADSTS50173|What to do>")), slack.toString());

        MimeMessage mail = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).contains("needs a new consent")).findFirst().orElseThrow();
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String text = GreenMailUtil.getBody(parts.getBodyPart(0));
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains("Cause: AADSTS50173"), text);
        assertTrue(html.contains("href=\"https://consent.example.com/troubleshooting#AADSTS50173\""), html);
        assertTrue(html.contains("domain_hint=" + revoked), html);
        Path kept = Path.of(System.getProperty("standin.dir")).getParent().resolve("alerts/alert-mail-payara.html");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, html); // the e-mail as it renders, for a look
        // and as a reader's mail client shows it: Chromium (headless) renders the HTML part to a screenshot
        Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("alert-mail.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(kept.getParent(), "chromium-"),
                "--window-size=900,700", "--screenshot=" + shot, kept.toUri().toString())
                .redirectErrorStream(true).redirectOutput(kept.resolveSibling("chromium.log").toFile()).start();
        assertTrue(chromium.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "Chromium rendered the e-mail in time");
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the rendered e-mail: " + shot);

        // the same events again the same day: nobody is told twice; a new event (another tenant's check) is told once
        runAll();
        Answer again = api.post("/api/consents/" + withoutMfa + "/check", Map.of());
        assertEquals(200, again.status());
        String marker = SeededConsents.seed(1, false).get(0);
        assertEquals(200, api.post("/api/consents/" + marker + "/check", Map.of()).status());
        List<String> after = hooks.await("/json", 6, WAIT);
        assertEquals(List.of("access-check-failed", "access-check-failed", "keepalive-run-failed", "mfa-missing",
                "mfa-missing", "needs-reconsent"), kinds(after), "only the new tenant's two events");
        assertEquals(6, hooks.await("/slack", 6, WAIT).size());
        assertEquals(12, mails(12).length);
    }

    @Test
    @Order(2)
    void aChannelAnswering500OrNotAtAllIsRetriedAndEveryAttemptAudited() throws Exception {
        // each alert so far: the first try and two retries on each dead channel
        assertEquals(18, hooks.await("/failing", 18, WAIT).size(), "posts to /failing (Teams cards)");
        assertEquals(18, hooks.await("/hanging", 18, WAIT).size(), () -> "posts to /hanging: " + kinds(hooks.bodies("/hanging")));
        JsonObject failed = awaitAudit("alert.failed", 36);
        List<String> details = failed.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("detail")).toList();
        assertTrue(details.stream().anyMatch(d -> d.contains("attempt 3: failed (alert-webhook-refused: webhook (teams, 127.0.0.1) answered HTTP 500")),
                details.toString());
        assertTrue(details.stream().anyMatch(d -> d.contains("attempt 2: retrying (alert-webhook-timeout")), details.toString());
        assertFalse(failed.toString().contains("/failing") || failed.toString().contains("/hanging"),
                "a webhook's URL is a credential: audit rows name its host");
        assertEquals(18, awaitAudit("alert.sent", 18).getInt("total"), "json, slack and mail took each of the six");
    }

    @Test
    @Order(3)
    void keepAliveTakesAsLongWithDeadChannelsAsWithoutAlerts() throws Exception {
        long quiet = timedRun(true);
        long alerting = timedRun(false); // each consent raises mfa-missing: 5 channels, two of them dead
        assertTrue(hooks.await("/hanging", 19, WAIT).size() >= 19, "the second run's alerts reached the dead channel");
        double ratio = (double) alerting / quiet;
        assertTrue(ratio < 2.0, "keep-alive took " + alerting + " ms raising alerts to dead channels, " + quiet
                + " ms raising none");
    }

    /** Keep-alive over 20 fresh consents, as the run report times it. */
    private static long timedRun(boolean mfa) throws Exception {
        standIns().vault().clear();
        SeededConsents.seed(20, mfa);
        JsonObject run = runAll();
        assertEquals(20, run.getInt("refreshed"), run.toString());
        return Duration.between(Instant.parse(run.getString("startedAt")), Instant.parse(run.getString("endedAt"))).toMillis();
    }

    @Test
    @Order(4)
    void sendTestAlertAnswersPerChannel() throws Exception {
        Answer a = api.post("/api/alerts/test", Map.of());
        assertEquals(200, a.status(), a.body());
        JsonObject answer = a.json();
        assertFalse(answer.getBoolean("delivered"), "two channels are dead");
        Map<String, List<String>> outcomes = answer.getJsonArray("channels").stream().map(JsonValue::asJsonObject)
                .collect(java.util.stream.Collectors.groupingBy(c -> c.getString("channel"), java.util.TreeMap::new,
                        java.util.stream.Collectors.mapping(c -> c.getString("outcome"), java.util.stream.Collectors.toList())));
        assertEquals(Map.of("webhook (json, 127.0.0.1)", List.of("delivered", "failed"),
                "webhook (slack, 127.0.0.1)", List.of("delivered"), "webhook (teams, 127.0.0.1)", List.of("failed"),
                "mail (2 recipients)", List.of("delivered")), outcomes, answer.toString());
        JsonObject refused = answer.getJsonArray("channels").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("channel").startsWith("webhook (teams")).findFirst().orElseThrow();
        assertEquals("alert-webhook-refused", refused.getString("code"));
        assertTrue(refused.getString("detail").contains("HTTP 500"), refused.toString());
        assertFalse(refused.getString("fix").isBlank());
        JsonObject timedOut = answer.getJsonArray("channels").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("code", "").equals("alert-webhook-timeout")).findFirst().orElseThrow();
        assertTrue(timedOut.getString("detail").contains("did not answer"), timedOut.toString());
        assertTrue(hooks.bodies("/json").stream().map(AlertsIT::json).anyMatch(b -> b.getString("kind").equals("test")));

        // the setup page's button: Operator, with the session's anti-forgery token
        ConsentBrowser b = Operators.signedIn(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        ConsentBrowser.Page setup = b.get(appBaseUrl() + "/admin/setup.xhtml");
        assertTrue(setup.body().contains("id=\"send-test-alert\""), setup.body());
        Matcher m = CSRF.matcher(setup.body());
        assertTrue(m.find());
        Answer refusedPost = OperatorApi.session(b).post("/admin/actions/test-alert", Map.of());
        assertEquals(403, refusedPost.status(), "no anti-forgery token, no alert");
        ConsentBrowser.Page sent = b.post(appBaseUrl() + "/admin/actions/test-alert", Map.of("csrf", m.group(1)));
        assertEquals(200, sent.status(), sent.body());
        String table = ConsentBrowser.unescape(sent.body());
        assertTrue(table.contains("id=\"test-alert-answers\""), sent.body());
        assertTrue(table.contains("alert-webhook-refused") && table.contains("HTTP 500"), sent.body());
        assertTrue(table.contains("mail (2 recipients)"), sent.body());
    }

    private static JsonObject awaitAudit(String kind, int n) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonObject page;
        do {
            Answer a = api.get("/api/audit?kind=" + kind + "&size=500");
            assertEquals(200, a.status(), a.body());
            page = a.json();
            if (page.getInt("total") >= n) {
                return page;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < end);
        return page;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void aCustomersRefreshTellsTheChannelsAboutTheGdapFlags() throws Exception {
        standIns().apis().customers().seed(100); // every GDAP shape of the book, ten times
        String partner = SeededConsents.seed(1).get(0);
        Answer started = api.post("/api/customers/refresh", Map.of("partner", partner));
        assertEquals(202, started.status(), started.body());
        List<JsonObject> gdap = List.of();
        long end = System.nanoTime() + WAIT.toNanos();
        while (gdap.size() < 4 && System.nanoTime() < end) {
            gdap = hooks.await("/json", hooks.bodies("/json").size() + 1, Duration.ofSeconds(2)).stream().map(AlertsIT::json)
                    .filter(b -> b.getString("kind").startsWith("gdap-")).toList();
        }
        assertEquals(List.of("gdap-ending", "gdap-global-administrator", "gdap-no-active-relationship", "gdap-roles-insufficient"),
                gdap.stream().map(b -> b.getString("kind")).sorted().toList(), "one alert per flag the customers carry");
        for (JsonObject alert : gdap) {
            assertEquals(partner, alert.getString("tenantId"));
            assertTrue(alert.getString("detail").matches("\\d+ of 100 customers: .*"), alert.getString("detail"));
            assertTrue(alert.isNull("reconsentLink"), alert.toString());
        }
        String audited = api.get("/api/audit?kind=alert.sent&tenant=" + partner + "&size=100").body();
        assertTrue(audited.contains("gdap-no-active-relationship attempt 1: delivered"), audited);
    }
}
