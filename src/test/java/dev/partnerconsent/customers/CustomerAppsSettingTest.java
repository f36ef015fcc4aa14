package dev.partnerconsent.customers;

import dev.partnerconsent.settings.ConsentSettings.AppGrant;
import dev.partnerconsent.settings.ConsentSettings.CustomerApp;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code partnerconsent.customer-apps}: this app by default, {@code self}, several apps, and what is not readable. */
class CustomerAppsSettingTest {

    private static final String APP = "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f";
    private static final String GRAPH = "00000003-0000-0000-c000-000000000000";
    private static final String OTHER = "6f4a8d2b-9c3e-4d7f-8a21-3b4c5d6e7f80";
    private static final String PARTNER_CENTER_APP = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";

    private static Settings with(String apps, String perSecond) {
        Map<String, String> m = new HashMap<>();
        m.put("partnerconsent.client-id", APP);
        if (apps != null) {
            m.put("partnerconsent.customer-apps", apps);
        }
        if (perSecond != null) {
            m.put("partnerconsent.customer-consent.per-second", perSecond);
        }
        return MapConfig.settings(m);
    }

    @Test
    void unsetIsThisAppWithGraphUserRead() {
        var customers = with(null, null).get().customers();
        assertEquals(List.of(new CustomerApp(APP, List.of(new AppGrant(GRAPH, "User.Read")))), customers.apps());
        assertEquals(5, customers.consentsPerSecond());
    }

    @Test
    void selfAndSeveralAppsWithSeveralGrants() {
        var apps = with("self=" + GRAPH + ":User.Read+Directory.Read.All," + PARTNER_CENTER_APP + ":user_impersonation; "
                + OTHER.toUpperCase() + "=" + GRAPH + ":Mail.Read", "20").get().customers();
        assertEquals(List.of(
                new CustomerApp(APP, List.of(new AppGrant(GRAPH, "User.Read,Directory.Read.All"),
                        new AppGrant(PARTNER_CENTER_APP, "user_impersonation"))),
                new CustomerApp(OTHER, List.of(new AppGrant(GRAPH, "Mail.Read")))), apps.apps());
        assertEquals(20, apps.consentsPerSecond());
    }

    @Test
    void anUnreadableEntryIsLeftOutWithAWarning() {
        Settings s = with("self=" + GRAPH + ":User.Read; not-a-guid=" + GRAPH + ":User.Read; " + OTHER + "=" + GRAPH
                + ":Bad Scope!", "500");
        assertEquals(1, s.get().customers().apps().size());
        assertEquals(2, s.problems().stream().filter(p -> p.key().equals("partnerconsent.customer-apps") && !p.blocking()).count());
        assertTrue(s.problems().stream().anyMatch(p -> p.key().equals("partnerconsent.customer-consent.per-second")));
        assertEquals(5, s.get().customers().consentsPerSecond(), "out of range: the default");
    }
}
