package dev.partnerconsent.vault;

import dev.partnerconsent.diagnostics.FailureException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantLocksTest {

    private static final String TENANT = "3b1f3c52-0f43-4c4e-9d6a-5e2f0c1b7a88";

    @Test
    void aSecondWriterOfTheSameTenantGivesUpWithTenantBusy() throws Exception {
        TenantLocks locks = new TenantLocks(Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return locks.exclusively(TENANT, () -> {
                    holding.countDown();
                    await(release);
                    return "first";
                });
            } catch (FailureException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        // the same tenant in another spelling is the same lock
        FailureException busy = assertThrows(FailureException.class,
                () -> locks.exclusively(TENANT.toUpperCase(), () -> "second"));
        assertEquals("tenant-busy", busy.failure().code());
        assertEquals(503, busy.failure().httpStatus());
        release.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("third", locks.exclusively(TENANT, () -> "third"), "free again once the holder is done");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
