package dev.partnerconsent.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark reads the app's timers as Payara Micro 6 publishes them (a sample of its answer). */
class AppTimersTest {

    private static final String PAYARA_6 = """
            # TYPE partnerconsent_callback_mean gauge
            partnerconsent_callback_mean{mp_scope="application"} 1.019778858210431E9
            # TYPE partnerconsent_callback summary
            partnerconsent_callback{mp_scope="application",quantile="0.5"} 2.02416682E8
            partnerconsent_callback_count{mp_scope="application"} 15.0
            partnerconsent_callback_sum{mp_scope="application"} 15.5
            partnerconsent_token_endpoint_count{mp_scope="application"} 15.0
            partnerconsent_token_endpoint_sum{mp_scope="application"} 3.0
            partnerconsent_keyvault_count{mp_scope="application"} 15.0
            partnerconsent_keyvault_sum{mp_scope="application"} 6.0
            """;

    @Test
    void readsCountsAndSumsInSeconds() {
        AppTimers t = AppTimers.parse(PAYARA_6);
        assertEquals(new AppTimers.Total(15, Duration.ofMillis(15_500)), t.callback());
        assertEquals(new AppTimers.Total(15, Duration.ofSeconds(3)), t.tokenEndpoint());
        assertEquals(new AppTimers.Total(15, Duration.ofSeconds(6)), t.keyVault());
        assertEquals(Duration.ofMillis(6500 / 15), t.appTimePerCallback().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aPhaseIsTheDifferenceOfTwoReadings() {
        AppTimers later = AppTimers.parse(PAYARA_6.replace("15.5", "25.5")
                .replace("callback_count{mp_scope=\"application\"} 15.0", "callback_count{mp_scope=\"application\"} 25.0"));
        AppTimers phase = later.minus(AppTimers.parse(PAYARA_6));
        assertEquals(new AppTimers.Total(10, Duration.ofSeconds(10)), phase.callback());
    }

    @Test
    void procStatCpuIsUserPlusSystemTicks() {
        // utime 250 and stime 50 ticks at 100 per second; the command name may hold spaces and parentheses
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 100 1000 100";
        assertEquals(Duration.ofSeconds(3), ProcCpu.parse(stat));
    }
}
