package dev.partnerconsent.diagnostics;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The totals the consent benchmark subtracts: callback time minus the token endpoint and Key Vault waits. */
class ConsentMetricsTest {

    @Test
    void callbackTimesAddUpApartFromTheWaits() {
        ConsentMetrics metrics = new ConsentMetrics();
        metrics.callbackHandled(Duration.ofMillis(30));
        metrics.callbackHandled(Duration.ofMillis(12));
        metrics.tokenEndpointCall(Duration.ofMillis(10));
        metrics.keyVaultCall(Duration.ofMillis(5));

        assertEquals(2, metrics.callback().count());
        assertEquals(Duration.ofMillis(42), metrics.callback().total());
        assertEquals(1, metrics.tokenEndpoint().count());
        assertEquals(Duration.ofMillis(10), metrics.tokenEndpoint().total());
        assertEquals(Duration.ofMillis(5), metrics.keyVault().total());
    }

    @Test
    void failuresAreCountedOnlyUnderCatalogueCodes() {
        ConsentMetrics metrics = new ConsentMetrics();
        metrics.failed("mfa-missing");
        metrics.failed("AADSTS50011");
        metrics.failed("aadsts50011");
        for (int i = 0; i < 100; i++) {
            metrics.failed("attacker-" + i);
        }
        metrics.failed("AADSTS4242424");
        assertEquals(1, metrics.failures("mfa-missing"));
        assertEquals(2, metrics.failures("AADSTS50011"), "one label per catalogue entry, in its spelling");
        assertEquals(101, metrics.failures("unknown"), "whatever else is sent");
        assertEquals("AADSTS50011", ConsentMetrics.label("aadsts50011"));
        assertEquals("unknown", ConsentMetrics.label("<script>"));
    }
}
