package dev.partnerconsent.customers;

import dev.partnerconsent.alerts.AlertKind;
import dev.partnerconsent.alerts.Alerting;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.SettableClock;
import dev.partnerconsent.settings.SettingsReader;
import dev.partnerconsent.standin.WebhookReceiver;
import dev.partnerconsent.standin.tls.StandInTls;
import dev.partnerconsent.store.AlertClaims;
import dev.partnerconsent.store.AuditFilter;
import dev.partnerconsent.store.Database;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.store.TestDatabases;
import dev.partnerconsent.store.WatchedAuditTrail;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A customers refresh's GDAP flags reach the alert channels: one alert per flag carried, per partner and day. */
class GdapAlertsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final TenantId PARTNER = new TenantId("3b1e0c4d-2f5a-4e6b-9c7d-8e9f0a1b2c3d");
    private final WebhookReceiver hooks = WebhookReceiver.start(StandInTls.ensure(Path.of(System.getProperty("standin.dir"))));

    @AfterEach
    void stop() {
        hooks.close();
    }

    @Test
    void eachFlagCarriedIsAlertedOnceADayWithCountsAndExamples() throws Exception {
        SettableClock clock = new SettableClock(T0);
        Database db = Database.on(TestDatabases.fresh());
        HealthLedger ledger = new HealthLedger(db, clock);
        ledger.record(PARTNER, Optional.of("Contoso Partner"), new ConsentFacts(T0, true, Optional.of("ok"), Optional.of(T0),
                Optional.of(T0), false));
        WatchedAuditTrail audit = new WatchedAuditTrail(db, clock);
        var settings = MapConfig.settings(Map.of(SettingsReader.ALERTS_WEBHOOKS, "json=" + hooks.url("/gdap",
                WebhookReceiver.Answer.OK), SettingsReader.PUBLIC_URL, "https://consent.example.com"));
        GdapAlerts alerts = new GdapAlerts(new Alerting(settings, new FailureCatalogue(), new AlertClaims(db, clock), audit,
                clock), ledger);
        FlagCounts counts = new FlagCounts(1200, 120, 0, 7, 240);

        List<AlertKind> raised = alerts.raise(PARTNER, counts, flag -> List.of("Fabrikam", "Northwind"));
        assertEquals(List.of(AlertKind.GDAP_NO_ACTIVE, AlertKind.GDAP_GLOBAL_ADMIN, AlertKind.GDAP_ROLES_INSUFFICIENT), raised,
                "no alert for a flag no customer carries");
        Map<String, JsonObject> byKind = hooks.await("/gdap", 3, Duration.ofSeconds(20)).stream()
                .map(b -> Json.createReader(new StringReader(b)).readObject())
                .collect(Collectors.toMap(b -> b.getString("kind"), b -> b));
        JsonObject none = byKind.get("gdap-no-active-relationship");
        assertEquals(PARTNER.value(), none.getString("tenantId"));
        assertEquals("Contoso Partner", none.getString("tenantName"));
        assertTrue(none.getString("detail").startsWith("120 of 1200 customers: no active gdap relationship (Fabrikam, Northwind, …)"),
                none.getString("detail"));
        assertEquals("https://consent.example.com/troubleshooting#gdap-no-active-relationship", none.getString("troubleshooting"));
        assertTrue(none.isNull("reconsentLink"), "a new consent does not mend GDAP: no re-consent link");
        assertTrue(byKind.get("gdap-global-administrator").isNull("cause"));

        assertEquals(List.of(), alerts.raise(PARTNER, counts, flag -> List.of("Fabrikam")), "once a day per partner and flag");
        clock.now = T0.plus(Duration.ofDays(1));
        assertEquals(3, alerts.raise(PARTNER, counts, flag -> List.of("Fabrikam")).size(), "and again the next day");
        assertEquals(6, hooks.await("/gdap", 6, Duration.ofSeconds(20)).size());
        // deliveries are audited on the alert pool once the receiver answered: wait for the writes themselves
        assertEquals(6, audit.await("alert.sent", 6, Duration.ofSeconds(20)));
        assertEquals(6, audit.list(AuditFilter.ALL, 0, 50).items().stream().filter(r -> r.kind().equals("alert.sent")).count(),
                "every delivery on the audit trail");
    }
}
