package dev.partnerconsent.customers;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four GDAP flags and the pre-check's "will fail because…", from relationships as Graph describes them. */
class GdapSummaryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    private static final String READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    private static GdapRelationship rel(String status, Duration endsIn, String autoExtend, List<String> roles, List<GdapAssignment> a) {
        return new GdapRelationship("r-" + status + endsIn, "c", status, Optional.of(NOW.plus(endsIn)), autoExtend, roles, a);
    }

    private static GdapAssignment assigned(String... roles) {
        return new GdapAssignment("active", "group-1", List.of(roles));
    }

    private static Customer customer(GdapSummary s) {
        return new Customer("p", "c", "c", "Contoso", "contoso.onmicrosoft.com", NOW, s, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void noRelationshipOrOnlyAnExpiredOneIsNoActiveRelationshipAndThePreCheckSaysSo() {
        GdapSummary none = GdapSummary.of(List.of(), NOW);
        assertTrue(none.noActive());
        assertEquals("none", none.status());
        GdapSummary expired = GdapSummary.of(List.of(rel("expired", Duration.ofDays(-3), "PT0S", List.of(USER_ADMIN), List.of())), NOW);
        assertTrue(expired.noActive());
        assertEquals("expired", expired.status());
        assertFalse(expired.rolesInsufficient(), "one flag for one cause");
        var refused = ApplicationConsents.precheck(customer(expired)).orElseThrow();
        assertEquals("gdap-no-active-relationship", refused.code());
        assertTrue(refused.detail().startsWith("Will fail because"), refused.detail());
        assertTrue(refused.detail().contains("expired"), refused.detail());
    }

    @Test
    void endingWithin30DaysCountsOnlyWithoutAutoExtend() {
        var soon = rel("active", Duration.ofDays(29), "PT0S", List.of(GdapRoles.CLOUD_APPLICATION_ADMINISTRATOR),
                List.of(assigned(GdapRoles.CLOUD_APPLICATION_ADMINISTRATOR)));
        assertTrue(GdapSummary.of(List.of(soon), NOW).endsSoon());
        var extending = rel("active", Duration.ofDays(29), "P180D", soon.roles(), soon.assignments());
        assertFalse(GdapSummary.of(List.of(extending), NOW).endsSoon());
        var later = rel("active", Duration.ofDays(31), "P0D", soon.roles(), soon.assignments());
        assertFalse(GdapSummary.of(List.of(later), NOW).endsSoon());
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(29))), GdapSummary.of(List.of(soon, later), NOW).end(), "the earliest end");
        assertTrue(ApplicationConsents.precheck(customer(GdapSummary.of(List.of(soon), NOW))).isEmpty(),
                "ending soon still lets a consent through");
    }

    @Test
    void globalAdministratorIsFlaggedAndSufficesToConsent() {
        var ga = rel("active", Duration.ofDays(300), "PT0S", List.of(GdapRoles.GLOBAL_ADMINISTRATOR),
                List.of(assigned(GdapRoles.GLOBAL_ADMINISTRATOR)));
        GdapSummary s = GdapSummary.of(List.of(ga), NOW);
        assertTrue(s.globalAdmin());
        assertFalse(s.rolesInsufficient());
        assertFalse(s.endsSoon());
    }

    @Test
    void rolesThatCannotConsentAreFlaggedEvenWhenTheRelationshipHoldsAnUnassignedOne() {
        var readers = rel("active", Duration.ofDays(200), "P180D", List.of(READERS, GdapRoles.CLOUD_APPLICATION_ADMINISTRATOR),
                List.of(assigned(READERS), new GdapAssignment("deleted", "group-2", List.of(GdapRoles.CLOUD_APPLICATION_ADMINISTRATOR))));
        GdapSummary s = GdapSummary.of(List.of(readers), NOW);
        assertTrue(s.rolesInsufficient(), "the consent role is in no active assignment");
        assertEquals(List.of(READERS), s.roles());
        assertEquals(List.of("group-1"), s.groups());
        var refused = ApplicationConsents.precheck(customer(s)).orElseThrow();
        assertEquals("gdap-roles-insufficient", refused.code());
        assertTrue(refused.detail().contains("Directory Readers"), refused.detail());
        for (String role : GdapRoles.MAY_CONSENT) {
            var enough = rel("active", Duration.ofDays(200), "P180D", List.of(role), List.of(assigned(role)));
            assertFalse(GdapSummary.of(List.of(enough), NOW).rolesInsufficient(), GdapRoles.name(role));
        }
    }
}
