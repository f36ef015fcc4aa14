package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.SettableClock;
import dev.partnerconsent.settings.SettingsReader;
import dev.partnerconsent.standin.WebhookReceiver;
import dev.partnerconsent.standin.tls.StandInTls;
import dev.partnerconsent.store.AlertClaims;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.Database;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.store.TestDatabases;
import dev.partnerconsent.tenant.TenantId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daily sweep: each consent alerted once as its re-consent-by date comes within 14 and 3 days, and when it passes. */
class ExpirySweepTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private final WebhookReceiver hooks = WebhookReceiver.start(StandInTls.ensure(Path.of(System.getProperty("standin.dir"))));

    @AfterEach
    void stop() {
        hooks.close();
    }

    private static TenantId tenant(int n) {
        return new TenantId(String.format("00000000-0000-4000-8000-%012d", n));
    }

    /** A consent refreshed at {@code issued}: its re-consent-by date is 90 days later. */
    private static ConsentFacts issued(Instant issued) {
        return new ConsentFacts(issued, true, Optional.of("ok"), Optional.of(issued), Optional.of(issued), false);
    }

    private static Instant reconsentBy(Instant by) {
        return by.minus(Duration.ofDays(90));
    }

    @Test
    void eachBandIsAlertedOnceAsItsDateComesNear() throws Exception {
        SettableClock clock = new SettableClock(T0);
        Database db = Database.on(TestDatabases.fresh());
        HealthLedger ledger = new HealthLedger(db, clock);
        AlertClaims claims = new AlertClaims(db, clock);
        var settings = MapConfig.settings(Map.of(SettingsReader.ALERTS_WEBHOOKS, "json=" + hooks.url("/sweep",
                WebhookReceiver.Answer.OK), SettingsReader.PUBLIC_URL, "https://consent.example.com"));
        Alerting alerting = new Alerting(settings, new FailureCatalogue(), claims, new AuditTrail(db, clock), clock);
        ExpirySweep sweep = new ExpirySweep(ledger, claims, alerting, clock);

        Duration day = Duration.ofDays(1);
        ledger.record(tenant(14), Optional.of("Fourteen"), issued(reconsentBy(T0.plus(Duration.ofHours(13 * 24 + 12)))));
        ledger.record(tenant(3), Optional.of("Three"), issued(reconsentBy(T0.plus(Duration.ofHours(2 * 24 + 12)))));
        ledger.record(tenant(0), Optional.of("Idle"), issued(reconsentBy(T0.minus(Duration.ofHours(12)))));
        ledger.record(tenant(30), Optional.of("Thirty"), issued(reconsentBy(T0.plus(Duration.ofDays(30)))));

        assertEquals(Optional.of(3), sweep.sweep());
        assertEquals(Optional.empty(), sweep.sweep(), "one sweep a day, whichever node asks");
        List<JsonObject> first = hooks.await("/sweep", 3, Duration.ofSeconds(20)).stream()
                .map(b -> Json.createReader(new StringReader(b)).readObject()).toList();
        assertEquals(Map.of("expiring-14-days", tenant(14).value(), "expiring-3-days", tenant(3).value(),
                "needs-reconsent", tenant(0).value()), first.stream().collect(java.util.stream.Collectors.toMap(
                b -> b.getString("kind"), b -> b.getString("tenantId"))));
        assertEquals("AADSTS700082", first.stream().filter(b -> b.getString("kind").equals("needs-reconsent")).findFirst()
                .orElseThrow().getString("cause"));

        // the next day: the 14-day consent is not told again; the one 30 days out is not yet in a band
        clock.now = T0.plus(day);
        assertEquals(Optional.of(0), sweep.sweep());
        // 16 days without a sweep: the thirty-day one entered the 14-day band, the 14- and 3-day ones passed their dates
        clock.now = T0.plus(Duration.ofDays(17));
        assertEquals(Optional.of(3), sweep.sweep(), "the days without a sweep are caught up");
        List<String> kinds = hooks.await("/sweep", 6, Duration.ofSeconds(20)).stream()
                .map(b -> Json.createReader(new StringReader(b)).readObject().getString("kind")).sorted().toList();
        assertEquals(List.of("expiring-14-days", "expiring-14-days", "expiring-3-days", "needs-reconsent", "needs-reconsent",
                "needs-reconsent"), kinds);
    }
}
