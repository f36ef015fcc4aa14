package dev.partnerconsent.alerts;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each payload shape posted over real HTTP to a local receiver, and what a failing receiver makes of a delivery. */
class WebhookChannelTest {

    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stall;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (stall) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        receiver.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private JsonObject lastBody() {
        return Json.createReader(new StringReader(bodies.get(bodies.size() - 1))).readObject();
    }

    @Test
    void genericJsonNamesTheTenantTheCauseAndBothLinks() throws Exception {
        new WebhookChannel(url(), WebhookFormat.JSON).deliver(Alerts.needsReconsent());
        JsonObject body = lastBody();
        assertEquals("needs-reconsent", body.getString("kind"));
        assertEquals(Alerts.TENANT.value(), body.getString("tenantId"));
        assertEquals(Alerts.HOSTILE_NAME, body.getString("tenantName"));
        assertEquals("AADSTS50173", body.getString("cause"));
        assertEquals("https://consent.example.com/troubleshooting#AADSTS50173", body.getString("troubleshooting"));
        assertTrue(body.getString("reconsentLink").endsWith("domain_hint=" + Alerts.TENANT));
    }

    @Test
    void teamsGetsAMessageWithAnAdaptiveCard() throws Exception {
        new WebhookChannel(url(), WebhookFormat.TEAMS).deliver(Alerts.needsReconsent());
        JsonObject body = lastBody();
        assertEquals("message", body.getString("type"));
        JsonObject attachment = body.getJsonArray("attachments").getJsonObject(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.getString("contentType"));
        JsonObject card = attachment.getJsonObject("content");
        assertEquals("AdaptiveCard", card.getString("type"));
        assertTrue(card.getJsonArray("body").getJsonObject(0).getString("text").contains("needs a new consent"));
        assertEquals(List.of("Re-consent link", "What to do"), card.getJsonArray("actions").stream()
                .map(a -> a.asJsonObject().getString("title")).toList());
        assertTrue(card.toString().contains("AADSTS50173"));
    }

    @Test
    void slackGetsTextAndBlocksWithTheTenantNameUnableToAddALink() throws Exception {
        new WebhookChannel(url(), WebhookFormat.SLACK).deliver(Alerts.needsReconsent());
        JsonObject body = lastBody();
        assertTrue(body.getString("text").startsWith("PartnerConsent: tenant "));
        String section = body.getJsonArray("blocks").getJsonObject(1).getJsonObject("text").getString("text");
        assertTrue(section.contains("<https://consent.example.com/troubleshooting#AADSTS50173|What to do>"), section);
        assertTrue(section.contains("*Cause:* `AADSTS50173`"), section);
        // mrkdwn reads <url|text> as a link: in the fields Slack parses, the name's markup is escaped
        assertFalse(section.contains("<https://evil.example|click>") || body.getString("text").contains("<https://evil.example|click>"));
        assertTrue(body.getString("text").contains("&lt;https://evil.example|click&gt;"), body.getString("text"));
    }

    @Test
    void aReceiverAnswering500OrTooSlowIsAFailedDeliveryNamingNeitherUrlNorPayload() {
        status.set(500);
        DeliveryFailed refused = assertThrows(DeliveryFailed.class,
                () -> new WebhookChannel(url(), WebhookFormat.JSON).deliver(Alerts.needsReconsent()));
        assertTrue(refused.getMessage().contains("answered HTTP 500"), refused.getMessage());
        assertFalse(refused.getMessage().contains("/hook"), "the URL is a credential: " + refused.getMessage());

        status.set(200);
        stall = true;
        DeliveryFailed slow = assertThrows(DeliveryFailed.class,
                () -> new WebhookChannel(url(), WebhookFormat.JSON, Duration.ofSeconds(1)).deliver(Alerts.needsReconsent()));
        assertTrue(slow.getMessage().contains("did not answer within 1 s"), slow.getMessage());
    }
}
