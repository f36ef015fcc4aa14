package dev.partnerconsent.it;

import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.ConsentOutcome;
import dev.partnerconsent.it.support.ConsentRun;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ServerBaseline;
import dev.partnerconsent.it.support.ServerGauges;
import dev.partnerconsent.it.support.VaultDiff;
import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.keyvault.VaultSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 consents from 16 browsers at once (each its own cookie jar, each doing consent after consent), every one stored
 * and checked in the vault; afterwards the server's threads, heap and connections are back in their band.
 * Any tenant may consent here, so each consent has a tenant of its own and its secret exactly one version.
 */
@AppSettings("partnerconsent.allowed-tenants=*")
class LoadIT extends InContainer {

    private static final int CONSENTS = 500;
    private static final int BROWSERS = 16;
    /**
     * Heap after a full GC may exceed the warm baseline by this much. What a consent legitimately leaves behind is the
     * single-use record of its sign-in (a few hundred bytes, kept for the sign-in cookie's lifetime) and, if the
     * result page opens a session, that session: well under 32 KB a consent, so under 16 MB for 500. A leak of per-call
     * clients or buffers costs hundreds of KB a call and would cross it many times over.
     */
    private static final long HEAP_SLACK_BYTES = 32L << 20;

    @Test
    void fiveHundredConsentsFromSixteenBrowsersAreAllStoredAndLeaveNothingBehind() throws Exception {
        List<ConsentOutcome> warmUp = ConsentRun.run(2 * BROWSERS, BROWSERS, i -> new ConsentRun.Who(uuid(), "warm" + i + "@load.example"));
        assertTrue(warmUp.stream().allMatch(ConsentOutcome::stored), "a healthy warm-up: " + warmUp);
        ServerBaseline base = ServerBaseline.take();
        long heapBefore = ServerGauges.heapAfterGc();
        VaultSnapshot before = standIns().vault().snapshot();

        long t0 = System.nanoTime();
        List<ConsentOutcome> outcomes = ConsentRun.run(CONSENTS, BROWSERS, i -> new ConsentRun.Who(uuid(), "user" + i + "@load.example"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        long peakThreads = ServerGauges.threads();

        List<ConsentOutcome> notStored = outcomes.stream().filter(o -> !o.stored()).toList();
        double seconds = took.toNanos() / 1e9;
        System.out.printf("LoadIT: %d consents with %d browsers in %.1f s = %.1f consents/s; %d stored; slowest %d ms%n",
                CONSENTS, BROWSERS, seconds, CONSENTS / seconds, CONSENTS - notStored.size(),
                outcomes.stream().mapToLong(o -> o.took().toMillis()).max().orElse(0));
        assertEquals(CONSENTS, outcomes.size());
        assertEquals(List.of(), notStored, "every consent is stored");

        VaultSnapshot after = standIns().vault().snapshot();
        assertEquals(CONSENTS, VaultDiff.versions(after) - VaultDiff.versions(before), "one version per consent, none twice");
        for (ConsentOutcome o : outcomes) {
            List<SecretVersion> added = VaultDiff.added(before, after, o.tenant());
            assertEquals(1, added.size(), o.toString());
            SecretVersion v = added.get(0);
            assertEquals(o.version(), v.version(), "the result page names the stored version");
            assertEquals(o.user(), v.tags().get("consentedBy"));
            assertEquals(standIns().entra().refreshTokensIssued(o.tenant()), List.of(v.value()),
                    "the value is the one refresh token Entra issued for this consent");
        }

        base.assertBackWithin(BROWSERS);
        long heapAfter = ServerGauges.heapAfterGc();
        System.out.printf("LoadIT heap after GC: %d MB -> %d MB (band <= +%d MB); threads at the end of the run %d%n",
                heapBefore >> 20, heapAfter >> 20, HEAP_SLACK_BYTES >> 20, peakThreads);
        assertTrue(heapAfter <= heapBefore + HEAP_SLACK_BYTES, "heap " + (heapBefore >> 20) + " MB -> " + (heapAfter >> 20) + " MB");
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
