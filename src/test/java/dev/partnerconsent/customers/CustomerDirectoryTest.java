package dev.partnerconsent.customers;

import dev.partnerconsent.store.Database;
import dev.partnerconsent.store.TestDatabases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer cache on the persistence provider Payara uses, over H2 here and over PostgreSQL in
 * {@link CustomerDirectoryPostgresIT}: search, flags, paging, dropping unlisted customers.
 */
class CustomerDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String PARTNER = "11111111-2222-4333-8444-555555555555";

    private final CustomerDirectory directory = on(Database.on(TestDatabases.fresh()));

    static CustomerDirectory on(Database db) {
        return new CustomerDirectory(null, null, db, null, null, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ListedCustomer listed(int i) {
        String id = String.format("00000000-0000-4000-8000-%012d", i);
        return new ListedCustomer(id, id, "Contoso " + i + (i == 7 ? " 100%_Ltd" : ""), "contoso" + i + ".onmicrosoft.com");
    }

    private static GdapRelationship relationship(int i) {
        String tenant = listed(i).tenantId();
        return switch (i % 3) {
            case 0 -> new GdapRelationship("r" + i, tenant, "active", Optional.of(NOW.plus(Duration.ofDays(10))), "PT0S",
                    List.of(GdapRoles.GLOBAL_ADMINISTRATOR), List.of(new GdapAssignment("active", "g", List.of(GdapRoles.GLOBAL_ADMINISTRATOR))));
            case 1 -> new GdapRelationship("r" + i, tenant, "expired", Optional.of(NOW.minus(Duration.ofDays(1))), "PT0S",
                    List.of(), List.of());
            default -> new GdapRelationship("r" + i, tenant, "active", Optional.of(NOW.plus(Duration.ofDays(400))), "P180D",
                    List.of(GdapRoles.CLOUD_APPLICATION_ADMINISTRATOR),
                    List.of(new GdapAssignment("active", "g", List.of(GdapRoles.CLOUD_APPLICATION_ADMINISTRATOR))));
        };
    }

    private static void list(CustomerDirectory directory, int count, Instant started) throws Exception {
        List<ListedCustomer> customers = new ArrayList<>();
        List<GdapRelationship> relationships = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            customers.add(listed(i));
            relationships.add(relationship(i));
        }
        directory.store(PARTNER, customers, relationships, started);
    }

    @Test
    void searchFlagsAndPagesOverTheCache() throws Exception {
        searchFlagsAndPages(directory);
    }

    @Test
    void aCustomerNoLongerListedIsDropped() throws Exception {
        dropsUnlisted(directory);
    }

    static void searchFlagsAndPages(CustomerDirectory directory) throws Exception {
        list(directory, 1100, NOW.minusSeconds(1));
        assertEquals(1100, directory.search(Optional.of(PARTNER), "", Optional.empty(), 0, 10).total());
        FlagCounts counts = directory.flagCounts(Optional.of(PARTNER));
        assertEquals(new FlagCounts(1100, 367, 367, 367, 0), counts);
        assertEquals(367, directory.search(Optional.of(PARTNER), "", Optional.of(GdapFlag.GLOBAL_ADMIN), 0, 500).total());
        assertEquals(1, directory.search(Optional.of(PARTNER), "CONTOSO 7 100%_", Optional.empty(), 0, 10).total(),
                "% and _ are taken literally");
        assertEquals(1, directory.search(Optional.empty(), "contoso1099.onmicrosoft", Optional.empty(), 0, 10).total());
        var page = directory.search(Optional.of(PARTNER), "", Optional.empty(), 2, 500);
        assertEquals(100, page.items().size());
        assertTrue(directory.customer(PARTNER, listed(3).id()).orElseThrow().gdap().globalAdmin());
    }

    static void dropsUnlisted(CustomerDirectory directory) throws Exception {
        list(directory, 10, NOW.minusSeconds(10));
        list(directory, 4, NOW.minusSeconds(1));
        assertEquals(4, directory.customerIds(PARTNER).size());
    }
}
