package dev.partnerconsent.health;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The health rules, and the catalogue's codes read as what they mean for a stored consent. */
class HealthRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final List<Explanation> CATALOGUE = List.copyOf(new FailureCatalogue().entries().values());

    private static ConsentFacts facts(Duration issuedAgo, boolean mfa, String outcome, boolean refreshed, boolean marked) {
        Optional<Instant> attempt = Optional.ofNullable(outcome).map(o -> NOW.minus(Duration.ofHours(2)));
        return new ConsentFacts(NOW.minus(issuedAgo), mfa, Optional.ofNullable(outcome), attempt,
                refreshed ? Optional.of(NOW.minus(issuedAgo)) : Optional.empty(), marked);
    }

    @Test
    void everyCatalogueEntryWhoseFixIsTheReconsentLinkMeansANewConsent() {
        Set<String> reconsent = CATALOGUE.stream().filter(e -> e.fix().contains("re-consent link")).map(Explanation::code)
                .collect(Collectors.toSet());
        assertTrue(reconsent.containsAll(Set.of("AADSTS50173", "AADSTS700082", "AADSTS70043", "AADSTS70008")), reconsent.toString());
        reconsent.forEach(code -> assertEquals(FailureEffect.RECONSENT, FailureEffect.of(code), code));
    }

    @Test
    void everyCodeTheRulesNameIsInTheCatalogue() {
        Set<String> known = CATALOGUE.stream().map(Explanation::code).collect(Collectors.toSet());
        for (String code : List.of("AADSTS50173", "AADSTS700082", "AADSTS700084", "AADSTS70008", "AADSTS70043", "AADSTS9002313",
                "invalid_grant", "AADSTS50076", "AADSTS50074", "AADSTS50078", "AADSTS50079", "AADSTS53003", "AADSTS53000",
                "AADSTS65001", "AADSTS65004", "AADSTS50105", "AADSTS50053", "AADSTS50055", "AADSTS50057", "AADSTS50034",
                "interaction_required", "consent_required", "access_denied", "AADSTS900421", "mfa-missing")) {
            assertTrue(known.contains(code), code + " is not a catalogue code");
        }
    }

    @Test
    void thePartnerCenterMfaRefusalAndNoEvidenceMeanMfaMissing() {
        assertEquals(FailureEffect.MFA, FailureEffect.of("AADSTS900421"));
        assertEquals(FailureEffect.MFA, FailureEffect.of("mfa-missing"));
    }

    @Test
    void everyFailureOfThisAppOrKeyVaultOrTheNetworkIsTransient() {
        for (Explanation e : CATALOGUE) {
            if (e.code().startsWith("keyvault-") || e.code().endsWith("-unreachable") || e.code().startsWith("id-token-")
                    || Set.of("tenant-busy", "consent-disabled", "secret-not-consent", "server_error", "temporarily_unavailable",
                    "unknown", "internal", "token-response-invalid").contains(e.code())) {
                assertEquals(FailureEffect.TRANSIENT, FailureEffect.of(e.code()), e.code());
            }
        }
        assertEquals(FailureEffect.TRANSIENT, FailureEffect.of(null));
        assertEquals(FailureEffect.TRANSIENT, FailureEffect.of("AADSTS99999"), "an unknown code is retried, not given up on");
    }

    @Test
    void theFirstRuleThatAppliesWinsWorstFirst() {
        Duration day = Duration.ofDays(1);
        assertEquals(HealthState.HEALTHY, HealthRules.assess(facts(day.multipliedBy(3), true, "ok", true, false), NOW).state());
        assertEquals(HealthState.NEVER_REFRESHED, HealthRules.assess(facts(day, true, null, false, false), NOW).state());
        assertEquals(HealthState.EXPIRING, HealthRules.assess(facts(day.multipliedBy(80), true, "ok", true, false), NOW).state());
        assertEquals(HealthState.FAILING, HealthRules.assess(facts(day.multipliedBy(80), true, "keyvault-5xx", true, false), NOW).state(),
                "a failing refresh outranks expiring");
        assertEquals(HealthState.MFA_MISSING, HealthRules.assess(facts(day, false, "ok", true, false), NOW).state());
        ConsentHealth pc = HealthRules.assess(facts(day, true, "AADSTS900421", true, false), NOW);
        assertEquals(HealthState.MFA_MISSING, pc.state());
        assertEquals(Optional.of("AADSTS900421"), pc.cause());
        assertEquals(HealthState.NEEDS_RECONSENT, HealthRules.assess(facts(day, false, "AADSTS50173", true, false), NOW).state(),
                "a revoked token outranks missing MFA");
        assertEquals(HealthState.NEEDS_RECONSENT, HealthRules.assess(facts(day, true, "keyvault-5xx", true, true), NOW).state(),
                "marked dead earlier stays dead until a new consent");
    }

    @Test
    void reconsentByIsNinetyDaysAfterIssueOrWhenEntraEndedIt() {
        ConsentHealth fresh = HealthRules.assess(facts(Duration.ofDays(10), true, "ok", true, false), NOW);
        assertEquals(NOW.minus(Duration.ofDays(10)).plus(Duration.ofDays(90)), fresh.reconsentBy());

        ConsentHealth revoked = HealthRules.assess(facts(Duration.ofDays(10), true, "AADSTS50173", true, false), NOW);
        assertEquals(NOW.minus(Duration.ofHours(2)), revoked.reconsentBy(), "the revocation was met two hours ago");
        assertEquals(Optional.of("AADSTS50173"), revoked.cause());

        ConsentHealth idle = HealthRules.assess(facts(Duration.ofDays(91), true, "ok", true, false), NOW);
        assertEquals(HealthState.NEEDS_RECONSENT, idle.state());
        assertEquals(Optional.of("AADSTS700082"), idle.cause(), "what Entra answers a token unused for 90 days");

        ConsentHealth edge = HealthRules.assess(facts(Duration.ofDays(76), true, "ok", true, false), NOW);
        assertEquals(HealthState.EXPIRING, edge.state(), "14 days left");
        assertEquals(HealthState.HEALTHY, HealthRules.assess(facts(Duration.ofDays(75).minusHours(1), true, "ok", true, false), NOW).state());
    }

    @Test
    void stateCodesAreThoseOfTheIssue() {
        assertEquals(List.of("needs-reconsent", "mfa-missing", "failing", "expiring", "never-refreshed", "healthy"),
                java.util.Arrays.stream(HealthState.values()).map(HealthState::code).toList());
    }
}
