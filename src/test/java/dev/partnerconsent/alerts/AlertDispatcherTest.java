package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery off the caller's thread, retries with back-off, and every attempt recorded. */
class AlertDispatcherTest {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private final List<Delivery> records = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A channel that fails its first {@code failures} deliveries. */
    private static AlertChannel flaky(String name, int failures, CountDownLatch done) {
        AtomicInteger calls = new AtomicInteger();
        return new AlertChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void deliver(Alert alert) throws DeliveryFailed {
                try {
                    if (calls.incrementAndGet() <= failures) {
                        throw new DeliveryFailed(FailureCode.ALERT_WEBHOOK_REFUSED, name + " answered HTTP 500");
                    }
                } finally {
                    done.countDown();
                }
            }
        };
    }

    @Test
    void aFailedDeliveryIsRetriedAfterEachPauseThenRecordedAsDelivered() throws Exception {
        CountDownLatch threeCalls = new CountDownLatch(3);
        AlertDispatcher d = new AlertDispatcher(List.of(flaky("hook", 2, threeCalls)), executor,
                List.of(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20)), records::add);
        d.send(Alerts.needsReconsent());
        assertTrue(threeCalls.await(10, TimeUnit.SECONDS));
        awaitRecords(3);
        assertEquals(List.of("retrying", "retrying", "delivered"), records.stream().map(Delivery::outcome).toList());
        assertEquals(List.of(1, 2, 3), records.stream().map(Delivery::attempt).toList());
        assertEquals("alert-webhook-refused: hook answered HTTP 500", records.get(0).reason().orElseThrow());
    }

    @Test
    void aChannelThatNeverTakesItIsGivenUpAfterTheLastPause() throws Exception {
        CountDownLatch calls = new CountDownLatch(3);
        AlertDispatcher d = new AlertDispatcher(List.of(flaky("mail", Integer.MAX_VALUE, calls)), executor,
                List.of(Duration.ofMillis(10), Duration.ofMillis(10)), records::add);
        d.send(Alerts.needsReconsent());
        assertTrue(calls.await(10, TimeUnit.SECONDS));
        awaitRecords(3);
        assertEquals(List.of("retrying", "retrying", "failed"), records.stream().map(Delivery::outcome).toList());
    }

    @Test
    void aHangingChannelBlocksNeitherTheCallerNorTheOtherChannel() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AlertChannel hanging = new AlertChannel() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public void deliver(Alert alert) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CountDownLatch other = new CountDownLatch(1);
        AlertDispatcher d = new AlertDispatcher(List.of(hanging, flaky("hook", 0, other)), executor, List.of(), records::add);
        d.send(Alerts.needsReconsent()); // returns while "hanging" holds its delivery
        assertEquals(1, release.getCount(), "send returned with the hanging delivery still in progress");
        assertTrue(other.await(10, TimeUnit.SECONDS), "the other channel got it meanwhile");
        awaitRecords(1);
        assertEquals("hook", records.get(0).channel());
        release.countDown();
        awaitRecords(2);
    }

    private void awaitRecords(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (records.size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(records.size() >= n, "records: " + records);
    }
}
