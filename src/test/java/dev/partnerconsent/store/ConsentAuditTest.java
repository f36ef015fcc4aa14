package dev.partnerconsent.store;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentAuditTest {

    private static final String TENANT = "3b1e0c4d-2f5a-4e6b-9c7d-8e9f0a1b2c3d";

    @Test
    void aConsentByAnotherUserThanTheLastOneIsMarkedAsReplacingIt() throws Exception {
        AuditTrail trail = new AuditTrail(Database.on(TestDatabases.fresh()), Clock.systemUTC());
        ConsentAudit audit = new ConsentAudit(trail);
        // who consented before comes from the secret's tags: nobody, then ann herself, then ann for bob's consent
        audit.stored(TENANT, "ann@partner (1)", "v1", true, Optional.empty());
        audit.stored(TENANT, "ann@partner (1)", "v2", true, Optional.empty());
        audit.stored(TENANT, "bob@partner (2)", "v3", false, Optional.of("ann@partner (1)"));
        audit.refused(Optional.empty(), "unknown", "state-expired");

        List<AuditRecord> rows = trail.list(AuditFilter.ALL, 0, 10).items();
        assertEquals(List.of("consent.refused", "consent.replaced", "consent.stored", "consent.stored", "consent.stored"),
                rows.stream().map(AuditRecord::kind).toList(), "the same consenter again replaces nobody");
        assertEquals("previous consenter ann@partner (1)", rows.get(1).subject());
        assertEquals("version v3", rows.get(2).subject());
        assertTrue(rows.get(0).detail().contains("state-expired"));
        assertTrue(trail.verify().intact());
    }
}
