package dev.partnerconsent.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Hands each alert to every channel on the executor's threads, never the caller's: {@link #send} returns at once, so
 * a channel that hangs or fails cannot slow keep-alive. A failed delivery is retried after each pause of the back-off,
 * then given up; every attempt is recorded. At most {@value #MAX_WAITING} deliveries wait at a time: beyond that an
 * alert is dropped (and recorded so) rather than growing memory while a channel is down.
 */
public final class AlertDispatcher {

    static final int MAX_WAITING = 1_000;
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class.getName());

    private final List<AlertChannel> channels;
    private final ScheduledExecutorService executor;
    private final List<Duration> backoff;
    private final DeliveryRecords records;
    private final AtomicInteger waiting = new AtomicInteger();

    public AlertDispatcher(List<AlertChannel> channels, ScheduledExecutorService executor, List<Duration> backoff,
                           DeliveryRecords records) {
        this.channels = List.copyOf(channels);
        this.executor = executor;
        this.backoff = List.copyOf(backoff);
        this.records = records;
    }

    public List<String> channels() {
        return channels.stream().map(AlertChannel::name).toList();
    }

    /** Queues the alert for every channel and returns. */
    public void send(Alert alert) {
        for (AlertChannel channel : channels) {
            if (waiting.incrementAndGet() > MAX_WAITING) {
                waiting.decrementAndGet();
                record(new Delivery(alert, channel.name(), 0, "dropped",
                        Optional.of(MAX_WAITING + " deliveries are already waiting")));
                continue;
            }
            executor.execute(() -> attempt(alert, channel, 1));
        }
    }

    private void attempt(Alert alert, AlertChannel channel, int attempt) {
        try {
            channel.deliver(alert);
            waiting.decrementAndGet();
            record(new Delivery(alert, channel.name(), attempt, "delivered", Optional.empty()));
        } catch (DeliveryFailed e) {
            boolean retry = attempt <= backoff.size();
            if (!retry) {
                waiting.decrementAndGet();
            }
            record(new Delivery(alert, channel.name(), attempt, retry ? "retrying" : "failed", Optional.of(e.code().code() + ": " + e.getMessage())));
            if (retry) {
                executor.schedule(() -> attempt(alert, channel, attempt + 1), backoff.get(attempt - 1).toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            waiting.decrementAndGet();
            record(new Delivery(alert, channel.name(), attempt, "failed", Optional.of(e.getClass().getSimpleName())));
        }
    }

    private void record(Delivery d) {
        try {
            records.record(d);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Alert delivery of " + d.alert().kind().code() + " to " + d.channel() + " (" + d.outcome()
                    + ") could not be recorded: " + e.getClass().getSimpleName());
        }
    }
}
