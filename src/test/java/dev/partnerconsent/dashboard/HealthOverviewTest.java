package dev.partnerconsent.dashboard;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.health.ExpiryTimeline;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.store.Database;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.store.TestDatabases;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's counts over a real ledger: states, the timeline's weeks, the last full run, the JSON answer. */
class HealthOverviewTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final Database db = Database.on(TestDatabases.fresh());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HealthLedger ledger = new HealthLedger(db, clock);
    private final RunHistory runs = new RunHistory(db, clock);
    private final HealthOverview overview = new HealthOverview(ledger, runs, clock);

    private static TenantId tenant(int n) {
        return new TenantId(String.format("00000000-0000-4000-8000-%012d", n));
    }

    /** A consent refreshed fine, issued {@code daysAgo} days ago: re-consent by 90 days after that. */
    private void refreshed(int n, int daysAgo) throws FailureException {
        Instant issued = NOW.minus(Duration.ofDays(daysAgo));
        ledger.record(tenant(n), Optional.of("Partner " + n), new ConsentFacts(issued, true, Optional.of("ok"),
                Optional.of(issued), Optional.of(issued), false));
    }

    @Test
    void countsEveryStateAndDrawsTheWeeksToCome() throws Exception {
        refreshed(1, 0);   // re-consent by in 90 days: week 12
        refreshed(2, 10);  // in 80 days: week 11
        refreshed(3, 80);  // in 10 days: week 1, expiring
        refreshed(4, 88);  // in 2 days: week 0, expiring
        ledger.record(tenant(5), Optional.empty(), new ConsentFacts(NOW, false, Optional.of("ok"), Optional.of(NOW),
                Optional.of(NOW), false)); // no MFA
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        ledger.record(tenant(6), Optional.empty(), new ConsentFacts(hourAgo, true, Optional.of("AADSTS700082"),
                Optional.of(hourAgo), Optional.empty(), true)); // dead since an hour: past its date, not on the timeline

        HealthSummary s = overview.summary();
        assertEquals(6, s.total());
        assertEquals(2, s.count(HealthState.HEALTHY));
        assertEquals(2, s.count(HealthState.EXPIRING));
        assertEquals(1, s.count(HealthState.MFA_MISSING));
        assertEquals(1, s.count(HealthState.NEEDS_RECONSENT));
        assertEquals(0, s.count(HealthState.FAILING));

        ExpiryTimeline t = s.timeline();
        assertEquals(ExpiryTimeline.WEEKS, t.weeks().size());
        assertEquals(1, t.weeks().get(0).count());
        assertEquals(1, t.weeks().get(1).count());
        assertEquals(1, t.weeks().get(11).count());
        assertTrue(t.weeks().get(12).count() >= 1, "the two fresh consents fall in the last week or just after it");
        assertEquals(NOW.atZone(ZoneOffset.UTC).toLocalDate(), t.weeks().get(0).start());

        HealthSummaryAnswer json = HealthSummaryAnswer.of(s, new dev.partnerconsent.customers.FlagCounts(3, 1, 0, 2, 0));
        assertEquals(6, json.total());
        assertEquals(HealthState.values()[0].code(), json.states().keySet().iterator().next(), "worst state first");
        assertEquals(2L, json.states().get("expiring"));
        assertEquals("2026-11-30", json.reconsentBy().get(0).from());
        assertEquals(null, json.lastRun());
        assertEquals(3, json.gdap().customers());
        assertEquals(java.util.List.of("no-active-relationship", "ends-within-30-days", "global-administrator",
                "roles-insufficient"), java.util.List.copyOf(json.gdap().flags().keySet()));
        assertEquals(2L, json.gdap().flags().get("global-administrator"));
    }

    @Test
    void theLastRunIsTheLastOneOverEveryConsentNotATenantsRefresh() throws Exception {
        runs.begin("run-all", Optional.empty(), "schedule", "node-a");
        runs.finish("run-all", Optional.empty());
        runs.begin("run-one", Optional.of(tenant(1).value()), "ops@partner", "node-a");

        assertEquals("run-all", overview.summary().lastRun().orElseThrow().id());
    }

    @Test
    void anUnknownStateIsABadRequestNamingTheStates() {
        FailureException e = assertThrows(FailureException.class, () -> DashboardView.state("dead"));
        assertEquals("bad-request", e.failure().code());
        assertTrue(e.failure().detail().contains("needs-reconsent"), e.failure().detail());
        assertEquals(Optional.empty(), assertDoesNotFail("all"));
        assertEquals(Optional.of(HealthState.MFA_MISSING), assertDoesNotFail("mfa-missing"));
    }

    private static Optional<HealthState> assertDoesNotFail(String raw) {
        try {
            return DashboardView.state(raw);
        } catch (FailureException e) {
            throw new AssertionError(e.failure().detail());
        }
    }

    @Test
    void pageLinksKeepTheSearch() {
        assertEquals("index.xhtml?state=expiring&q=Contoso+Ltd&page=2", DashboardView.link("Contoso Ltd", "expiring", 2));
        assertEquals("index.xhtml?state=all", DashboardView.link("", "all", 0));
    }
}
