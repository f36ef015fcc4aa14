package dev.partnerconsent.standin.keyvault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the emulator answered, with its arrival time, so tests can count calls per operation and compute an
 * achieved rate. Requests are recorded before their answer is sent: once the client has the answer, it is counted.
 */
public final class RequestCounters {

    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
    private final java.util.Map<Operation, java.util.concurrent.atomic.LongAdder> arrivals = new java.util.concurrent.ConcurrentHashMap<>();

    RequestCounters() {
    }

    /** Counted as the request arrives, before any injected stall: a call the client gave up on still counts. */
    void arrived(Operation operation) {
        arrivals.computeIfAbsent(operation, o -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    /** Requests of {@code operation} that reached the emulator, answered or not yet. */
    public long arrivals(Operation operation) {
        var a = arrivals.get(operation);
        return a == null ? 0 : a.sum();
    }

    void record(RequestRecord record) {
        records.add(record);
    }

    public List<RequestRecord> records() {
        return List.copyOf(records);
    }

    public List<RequestRecord> records(Operation operation) {
        return records.stream().filter(r -> r.operation() == operation).toList();
    }

    public long count(Operation operation) {
        return records.stream().filter(r -> r.operation() == operation).count();
    }

    public long count(Operation operation, int status) {
        return records.stream().filter(r -> r.operation() == operation && r.status() == status).count();
    }

    public long total() {
        return records.size();
    }

    public List<Instant> timestamps(Operation operation) {
        return records(operation).stream().map(RequestRecord::receivedAt).sorted().toList();
    }

    /** Requests per second between the first and the last request of {@code operation}; 0 with fewer than two. */
    public double ratePerSecond(Operation operation) {
        List<Instant> times = timestamps(operation);
        if (times.size() < 2) {
            return 0;
        }
        Duration span = Duration.between(times.get(0), times.get(times.size() - 1));
        return span.isZero() ? Double.POSITIVE_INFINITY : (times.size() - 1) / (span.toNanos() / 1e9);
    }

    public void reset() {
        records.clear();
        arrivals.clear();
    }
}
