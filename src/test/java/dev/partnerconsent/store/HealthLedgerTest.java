package dev.partnerconsent.store;

import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.settings.SettableClock;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's answers against H2 with a clock the test moves: states as of the moment asked, counts, pages, weeks. */
class HealthLedgerTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final HealthLedger ledger = new HealthLedger(Database.on(TestDatabases.fresh()), clock);

    private static TenantId tenant(int n) {
        return new TenantId(String.format("00000000-0000-4000-8000-%012d", n));
    }

    private static ConsentFacts refreshed(Instant issued, boolean mfa) {
        return new ConsentFacts(issued, mfa, Optional.of("ok"), Optional.of(issued), Optional.of(issued), false);
    }

    @Test
    void recordsUpsertAndSayWhatChanged() throws Exception {
        HealthChange first = ledger.record(tenant(1), Optional.of("Contoso Ltd"),
                new ConsentFacts(T0, true, Optional.empty(), Optional.empty(), Optional.empty(), false));
        assertEquals(Optional.empty(), first.before());
        assertEquals(HealthState.NEVER_REFRESHED, first.after().health().state());
        assertEquals("Contoso Ltd", first.after().displayName());
        assertEquals(T0.plus(Duration.ofDays(90)), first.after().health().reconsentBy());

        HealthChange noMfa = ledger.record(tenant(1), Optional.empty(), refreshed(T0.plusSeconds(60), false));
        assertEquals(Optional.of(HealthState.NEVER_REFRESHED), noMfa.before());
        assertTrue(noMfa.entered(HealthState.MFA_MISSING));
        assertEquals(Optional.of("mfa-missing"), noMfa.after().health().cause());
        assertEquals("Contoso Ltd", noMfa.after().displayName(), "an event without a name keeps the stored one");
        assertFalse(ledger.record(tenant(1), Optional.empty(), refreshed(T0.plusSeconds(90), false))
                .entered(HealthState.MFA_MISSING), "staying without MFA is no new entry");

        Optional<HealthChange> gone = ledger.outcome(tenant(1), "consent-not-found", true);
        assertTrue(gone.orElseThrow().entered(HealthState.NEEDS_RECONSENT));
        assertEquals(Optional.of("consent-not-found"), ledger.get(tenant(1)).orElseThrow().health().cause());
        assertEquals(Optional.empty(), ledger.outcome(tenant(2), "consent-not-found", true), "no row, nothing written");
        assertEquals(Optional.empty(), ledger.get(tenant(2)));
    }

    @Test
    void recordIfAbsentNeverOverwritesANewerRow() throws Exception {
        ledger.record(tenant(1), Optional.of("Newer"), refreshed(T0, true));
        assertTrue(ledger.recordIfAbsent(tenant(1), Optional.of("Older"), refreshed(T0.minus(Duration.ofDays(80)), false))
                .isEmpty());
        HealthEntry kept = ledger.get(tenant(1)).orElseThrow();
        assertEquals("Newer", kept.displayName());
        assertEquals(HealthState.HEALTHY, kept.health().state());
        assertEquals(Optional.empty(), ledger.recordIfAbsent(tenant(2), Optional.empty(), refreshed(T0, true)).orElseThrow()
                .before());
        assertEquals(tenant(2).value(), ledger.get(tenant(2)).orElseThrow().displayName(), "no name known: the tenant id");
    }

    @Test
    void timeAloneMovesAConsentToExpiringThenToNeedsReconsent() throws Exception {
        ledger.record(tenant(1), Optional.empty(), refreshed(T0, true));
        assertEquals(1L, ledger.countsByState().get(HealthState.HEALTHY));

        clock.now = T0.plus(Duration.ofDays(80));
        Map<HealthState, Long> at80 = ledger.countsByState();
        assertEquals(1L, at80.get(HealthState.EXPIRING));
        assertEquals(0L, at80.get(HealthState.HEALTHY));
        assertEquals(HealthState.EXPIRING, ledger.get(tenant(1)).orElseThrow().health().state());
        assertEquals(1, ledger.page("", Optional.of(HealthState.EXPIRING), 0, 10).items().size());

        clock.now = T0.plus(Duration.ofDays(90));
        assertEquals(1L, ledger.countsByState().get(HealthState.NEEDS_RECONSENT));
        assertEquals(Optional.of("AADSTS700082"), ledger.get(tenant(1)).orElseThrow().health().cause());
        assertEquals(0, ledger.page("", Optional.of(HealthState.EXPIRING), 0, 10).total());
    }

    @Test
    void countsPagesAndWeeksAgreeWithTheRulesOverManyConsents() throws Exception {
        // 600 consents: every 6th in each state; issued on a spread of days so re-consent-by dates cover 13 weeks
        int n = 600;
        for (int i = 0; i < n; i++) {
            Instant issued = T0.minus(Duration.ofDays(i % 95));
            ConsentFacts facts = switch (i % 6) {
                case 0 -> new ConsentFacts(issued, true, Optional.of("AADSTS50173"), Optional.of(T0), Optional.empty(), true);
                case 1 -> refreshed(issued, false);
                case 2 -> new ConsentFacts(issued, true, Optional.of("keyvault-unreachable"), Optional.of(T0),
                        Optional.of(issued), false);
                case 3 -> new ConsentFacts(issued, true, Optional.empty(), Optional.empty(), Optional.empty(), false);
                default -> refreshed(issued, true);
            };
            ledger.record(tenant(i), Optional.of((i % 2 == 0 ? "Fabrikam " : "Contoso ") + i), facts);
        }
        clock.now = T0.plus(Duration.ofDays(3));
        Map<HealthState, Long> counts = ledger.countsByState();
        assertEquals(n, counts.values().stream().mapToLong(Long::longValue).sum());
        for (HealthState s : HealthState.values()) {
            Paged<HealthEntry> all = ledger.page("", Optional.of(s), 0, Paged.MAX_SIZE);
            assertEquals(counts.get(s), all.total(), "count and page of " + s);
            for (HealthEntry e : all.items()) {
                assertEquals(s, e.health().state(), "the filter's state is the rules' state now: " + e.tenantId());
            }
        }
        assertTrue(counts.get(HealthState.EXPIRING) > 0 && counts.get(HealthState.HEALTHY) > 0
                && counts.get(HealthState.NEVER_REFRESHED) > 0, counts.toString());

        Paged<HealthEntry> contoso = ledger.page("CONTOSO", Optional.empty(), 1, 100);
        assertEquals(300, contoso.total());
        assertEquals(100, contoso.items().size());
        assertTrue(contoso.items().stream().allMatch(e -> e.displayName().startsWith("Contoso ")));
        Instant previous = Instant.MIN;
        for (HealthEntry e : contoso.items()) {
            assertFalse(e.health().reconsentBy().isBefore(previous), "soonest re-consent-by first");
            previous = e.health().reconsentBy();
        }
        assertEquals(10, ledger.page(tenant(42).value().substring(0, 35), Optional.empty(), 0, 10).total(),
                "a tenant id's start finds it: 40..49");
        assertEquals(List.of(tenant(42).value()), ledger.page(tenant(42).value().toUpperCase(), Optional.empty(), 0, 10)
                .items().stream().map(HealthEntry::tenantId).toList());
        assertEquals(0, ledger.page("%", Optional.empty(), 0, 10).total(), "LIKE's wildcards are plain text");

        List<WeekCount> weeks = ledger.reconsentByWeeks(clock.now, 13);
        assertEquals(13, weeks.size());
        long inTimeline = countBetween(clock.now, clock.now.plus(Duration.ofDays(91)));
        assertTrue(inTimeline > 0);
        assertEquals(inTimeline, weeks.stream().mapToLong(WeekCount::consents).sum());
        assertEquals(countBetween(clock.now, clock.now.plus(Duration.ofDays(7))), weeks.get(0).consents());
        assertEquals(clock.now.plus(Duration.ofDays(7)), weeks.get(1).from());
    }

    private long countBetween(Instant from, Instant to) throws Exception {
        long count = 0;
        for (int p = 0; ; p++) {
            Paged<HealthEntry> page = ledger.page("", Optional.empty(), p, Paged.MAX_SIZE);
            count += page.items().stream().filter(e -> !e.health().reconsentBy().isBefore(from)
                    && e.health().reconsentBy().isBefore(to)).count();
            if (!page.hasNext()) {
                return count;
            }
        }
    }

    @Test
    void twoNodesRecordingANewTenantAtOnceKeepOneRow() throws Exception {
        DataSource ds = TestDatabases.fresh();
        HealthLedger a = new HealthLedger(Database.on(ds), clock);
        HealthLedger b = new HealthLedger(Database.on(ds), clock);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var x = pool.submit(() -> a.record(tenant(7), Optional.of("A"), refreshed(T0, true)));
            var y = pool.submit(() -> b.record(tenant(7), Optional.of("B"), refreshed(T0, true)));
            x.get();
            y.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, a.page("", Optional.empty(), 0, 10).total());
    }
}
