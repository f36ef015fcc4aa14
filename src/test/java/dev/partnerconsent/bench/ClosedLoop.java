package dev.partnerconsent.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * {@code users} virtual users, each doing one sign-in after another without think time for {@code duration}; each
 * sign-in reports the latency of its callback request. Closed loop: throughput is what the server sustains at that
 * concurrency.
 */
final class ClosedLoop {

    /** One user's sign-ins: each call does a whole one and returns its callback latency in nanoseconds. */
    interface User {
        long signIn() throws Exception;
    }

    /** What one phase measured. */
    record Result(int users, long completed, long failed, Duration elapsed, long p50Nanos, long p99Nanos,
                  long meanNanos, String firstFailure) {

        double perSecond() {
            return completed / (elapsed.toNanos() / 1e9);
        }
    }

    private ClosedLoop() {
    }

    static Result run(int users, Duration duration, IntFunction<User> newUser) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(users);
        AtomicLong failed = new AtomicLong();
        StringBuffer firstFailure = new StringBuffer();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                User user = newUser.apply(u);
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        try {
                            long latency = user.signIn();
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, n * 2);
                            }
                            latencies[n++] = latency;
                        } catch (Exception | AssertionError e) {   // ConsentBrowser asserts each hop
                            failed.incrementAndGet();
                            synchronized (firstFailure) {
                                if (firstFailure.length() == 0) {
                                    String m = String.valueOf(e.getMessage());
                                    firstFailure.append(e.getClass().getSimpleName()).append(": ")
                                            .append(m, 0, Math.min(m.length(), 300));
                                }
                            }
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            // the last sign-ins end after 'end': the phase lasted until the last one came back
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long mean = merged.length == 0 ? 0 : (long) Arrays.stream(merged).average().orElse(0);
            return new Result(users, merged.length, failed.get(), elapsed, percentile(merged, 50), percentile(merged, 99),
                    mean, firstFailure.toString());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
