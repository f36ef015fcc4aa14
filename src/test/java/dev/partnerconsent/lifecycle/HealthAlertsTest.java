package dev.partnerconsent.lifecycle;

import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.settings.SettingsReader;
import dev.partnerconsent.standin.WebhookReceiver;
import dev.partnerconsent.store.AuditFilter;
import dev.partnerconsent.store.AuditRecord;
import dev.partnerconsent.store.HealthEntry;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.ConsentTags;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health recorded by keep-alive, MFA checked on the tokens it obtains, and the alerts that follow, posted over HTTPS to
 * a local webhook receiver: one per tenant, event and day; a failing channel retried and audited; a hanging one does
 * not slow keep-alive.
 */
class HealthAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static LifecycleStandIns fixture;
    private static WebhookReceiver hooks;

    @BeforeAll
    static void start() {
        fixture = LifecycleStandIns.start();
        hooks = WebhookReceiver.start(fixture.standIns.tls());
    }

    @AfterAll
    static void stop() {
        hooks.close();
        fixture.close();
    }

    @BeforeEach
    void emptyVault() {
        fixture.standIns.vault().clear();
        fixture.standIns.vault().faults().reset();
    }

    private LifecycleStandIns.Components components(String webhook, WebhookReceiver.Answer answer) {
        Map<String, String> settings = new HashMap<>();
        settings.put(SettingsReader.KV_OPS_PER_SECOND, "500");
        settings.put(SettingsReader.PUBLIC_URL, "https://consent.example.com/");
        settings.put(SettingsReader.ALERTS_BACKOFF, "PT0.05S,PT0.05S");
        settings.put(SettingsReader.ALERTS_TIMEOUT, "PT2S");
        if (webhook != null) {
            settings.put(SettingsReader.ALERTS_WEBHOOKS, "json=" + hooks.url(webhook, answer));
        }
        return fixture.components(settings);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static List<String> kinds(List<String> bodies) {
        return bodies.stream().map(b -> json(b).getString("kind")).sorted().toList();
    }

    @Test
    void aTokenWithoutMfaOrARevokedOneIsRecordedAndAlertedOncePerDay() throws Exception {
        var c = components("/once", WebhookReceiver.Answer.OK);
        String fine = fixture.consentedTenant(c.vault(), true);
        String noMfa = fixture.consentedTenant(c.vault(), false);
        String revoked = fixture.consentedTenant(c.vault(), true);
        c.backfill().run(); // the consents were stored behind the app's back: the ledger learns them from the listing
        fixture.standIns.entra().revokeRefreshTokens(revoked, null);

        c.keepAlive().runNow(Optional.empty(), "test").orElseThrow();

        HealthEntry ok = c.ledger().get(new TenantId(fine)).orElseThrow();
        assertEquals(HealthState.HEALTHY, ok.health().state());
        HealthEntry withoutMfa = c.ledger().get(new TenantId(noMfa)).orElseThrow();
        assertEquals(HealthState.MFA_MISSING, withoutMfa.health().state());
        assertEquals(Optional.of("mfa-missing"), withoutMfa.health().cause());
        assertEquals("false", fixture.standIns.vault().secret(noMfa).orElseThrow().latest().tags().get(ConsentTags.MFA),
                "the rotated version says what the token obtained said");
        HealthEntry dead = c.ledger().get(new TenantId(revoked)).orElseThrow();
        assertEquals(HealthState.NEEDS_RECONSENT, dead.health().state());
        assertEquals(Optional.of("AADSTS50173"), dead.health().cause());

        List<String> bodies = hooks.await("/once", 3, WAIT);
        assertEquals(List.of("keepalive-run-failed", "mfa-missing", "needs-reconsent"), kinds(bodies));
        JsonObject reconsent = bodies.stream().map(HealthAlertsTest::json)
                .filter(b -> b.getString("kind").equals("needs-reconsent")).findFirst().orElseThrow();
        assertEquals(revoked, reconsent.getString("tenantId"));
        assertEquals("partner.onmicrosoft.com", reconsent.getString("tenantName"), "the consenting admin's domain");
        assertEquals("AADSTS50173", reconsent.getString("cause"));
        assertEquals("https://consent.example.com/troubleshooting#AADSTS50173", reconsent.getString("troubleshooting"));
        assertEquals("https://consent.example.com/consent/start?domain_hint=" + revoked, reconsent.getString("reconsentLink"));

        // the same day again: the run fails the same way, nobody is told twice
        c.keepAlive().runNow(Optional.empty(), "again").orElseThrow();
        c.accessCheck().check(new TenantId(noMfa), "operator");
        List<String> after = hooks.await("/once", 4, WAIT);
        assertEquals(List.of("access-check-failed", "keepalive-run-failed", "mfa-missing", "needs-reconsent"), kinds(after),
                "only the access check is a new event");
        List<AuditRecord> sent = awaitAudit(c, "alert.sent", 4);
        assertEquals(4, sent.size(), "each delivery is audited");
    }

    @Test
    void aConsentDeletedFromTheVaultIsMarkedByTheNextRunOverEveryConsent() throws Exception {
        var c = components("/gone", WebhookReceiver.Answer.OK);
        String kept = fixture.consentedTenant(c.vault(), true);
        String gone = fixture.consentedTenant(c.vault(), true);
        c.keepAlive().runNow(Optional.empty(), "first").orElseThrow();
        assertEquals(HealthState.HEALTHY, c.ledger().get(new TenantId(gone)).orElseThrow().health().state());

        fixture.standIns.vaultClient().beginDeleteSecret(gone).waitForCompletion();
        c.keepAlive().runNow(Optional.empty(), "second").orElseThrow();

        HealthEntry deleted = c.ledger().get(new TenantId(gone)).orElseThrow();
        assertEquals(HealthState.NEEDS_RECONSENT, deleted.health().state());
        assertEquals(Optional.of("consent-not-found"), deleted.health().cause());
        assertEquals(HealthState.HEALTHY, c.ledger().get(new TenantId(kept)).orElseThrow().health().state());
        List<String> bodies = hooks.await("/gone", 1, WAIT);
        assertEquals(List.of("needs-reconsent"), kinds(bodies));
        assertEquals(gone, json(bodies.get(0)).getString("tenantId"));
    }

    @Test
    void aChannelAnswering500IsRetriedThenGivenUpAndEveryAttemptIsAudited() throws Exception {
        var c = components("/failing", WebhookReceiver.Answer.FAIL);
        String noMfa = fixture.consentedTenant(c.vault(), false);
        c.keepAlive().runNow(Optional.of(new TenantId(noMfa)), "test").orElseThrow();

        assertEquals(3, hooks.await("/failing", 3, WAIT).size(), "the first try and two retries");
        List<AuditRecord> failed = awaitAudit(c, "alert.failed", 3);
        assertEquals(3, failed.size());
        assertTrue(failed.stream().anyMatch(r -> r.detail().contains("attempt 3: failed (alert-webhook-refused")), failed.toString());
        assertTrue(failed.stream().noneMatch(r -> r.detail().contains("/failing") || String.valueOf(r.subject()).contains("/failing")),
                "the webhook's URL is a credential: only its host is named");
    }

    @Test
    void aHangingChannelLeavesKeepAliveAsFastAsWithoutAlerts() throws Exception {
        var quiet = components(null, null);
        var hanging = components("/hanging", WebhookReceiver.Answer.HANG);
        runWithFailures(quiet); // warms both paths' code up
        long without = runWithFailures(quiet);
        long with = runWithFailures(hanging);
        assertTrue(hooks.await("/hanging", 1, WAIT).size() >= 1, "alerts were raised and their deliveries hang");
        double ratio = (double) with / without;
        assertTrue(ratio < 2.0, "keep-alive took " + with + " ms with a hanging channel, " + without + " ms without");
    }

    /** A run over 16 consents of which 8 carry no MFA and 4 are revoked: each of those is an alert. */
    private long runWithFailures(LifecycleStandIns.Components c) throws Exception {
        fixture.standIns.vault().clear();
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tenants.add(fixture.consentedTenant(c.vault(), i % 2 == 0));
        }
        for (int i = 1; i < 16; i += 4) {
            fixture.standIns.entra().revokeRefreshTokens(tenants.get(i), null);
        }
        long start = System.nanoTime();
        RunReport report = c.keepAlive().runNow(Optional.empty(), "timed").orElseThrow();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(16, report.consents());
        assertEquals(4, report.failed());
        return millis;
    }

    /** The rows of {@code kind} once {@code n} were written (deliveries are audited on the alert pool). */
    private static List<AuditRecord> awaitAudit(LifecycleStandIns.Components c, String kind, int n) throws Exception {
        c.audit().await(kind, n, WAIT);
        return c.audit().list(new AuditFilter(Optional.empty(), Optional.of(kind), Optional.empty(), Optional.empty(),
                Optional.empty()), 0, 100).items();
    }
}
