package dev.partnerconsent.lifecycle;

import dev.partnerconsent.settings.SettingsReader;
import dev.partnerconsent.standin.keyvault.RequestRecord;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keep-alive over many stored consents against the stand-ins, in one JVM: seeds {@code benchmark.consents} consents
 * (default 10,000; every 200th tenant revoked), runs one keep-alive sweep at {@code benchmark.rate} Key Vault
 * operations/s (default 200, the production default) with {@code benchmark.concurrency} tenants at once (default 4),
 * and reports the duration, the operations the emulator saw and their rate against the limit, and the peak heap.
 * Not a test: {@code mvn -Pbenchmark} (README, "Operating consents").
 */
public final class KeepAliveBenchmark {

    private KeepAliveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int consents = Integer.getInteger("benchmark.consents", 10_000);
        int rate = Integer.getInteger("benchmark.rate", 200);
        int concurrency = Integer.getInteger("benchmark.concurrency", 4);
        try (LifecycleStandIns fixture = LifecycleStandIns.start()) {
            var c = fixture.components(Map.of(SettingsReader.KV_OPS_PER_SECOND, String.valueOf(rate),
                    SettingsReader.KEEPALIVE_CONCURRENCY, String.valueOf(concurrency)));
            System.out.printf("Seeding %,d consents...%n", consents);
            Instant seedStart = Instant.now();
            List<String> tenants = seed(fixture, c, consents);
            int revoked = 0;
            for (int i = 0; i < tenants.size(); i += 200) {
                fixture.standIns.entra().revokeRefreshTokens(tenants.get(i), null);
                revoked++;
            }
            System.out.printf("Seeded in %s; %d tenants revoked. Sweeping at %d Key Vault operations/s, %d at once...%n",
                    Duration.between(seedStart, Instant.now()).withNanos(0), revoked, rate, concurrency);

            fixture.standIns.vault().counters().reset();
            System.gc();
            HeapSampler heap = HeapSampler.start();
            Instant start = Instant.now();
            RunReport report = c.keepAlive().runNow(Optional.empty(), "benchmark").orElseThrow();
            Instant end = Instant.now();
            long peakHeap = heap.stop();

            List<RequestRecord> ops = fixture.standIns.vault().counters().records().stream()
                    .filter(r -> r.operation().isVaultOperation() && r.principal() != null).toList();
            double seconds = Duration.between(start, end).toNanos() / 1e9;
            double seen = ops.size() / seconds;
            int maxWindow = KeepAliveTest.maxInAnySecond(ops);
            long max10 = maxIn(ops, Duration.ofSeconds(10));
            String text = String.format("""
                    PartnerConsent keep-alive benchmark (%s)
                      consents             %,d (%d revoked)
                      refreshed            %,d
                      failed               %,d (%d need re-consent)
                      duration             %.1f s
                      Key Vault operations %,d seen by the emulator (%,d paced by the app)
                      achieved rate        %.1f ops/s against a limit of %d ops/s
                      busiest 1 s window   %d ops; busiest 10 s window %,d ops (Key Vault allows ~4,000)
                      peak heap used       %,d MB (sampled every 50 ms; max heap %,d MB; stand-ins in the same JVM)
                      JVM                  %s %s, %d CPUs
                    """, Instant.now().toString(), consents, revoked, report.refreshed(), report.failed(),
                    report.needsReconsent(), seconds, ops.size(), report.vaultOps(), seen, rate, maxWindow, max10,
                    peakHeap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            System.out.print(text);
            Path out = Path.of(System.getProperty("benchmark.out", "target/benchmark/keepalive.txt"));
            Files.createDirectories(out.getParent());
            Files.writeString(out, text, StandardCharsets.UTF_8);
            System.out.println("Written to " + out);
        }
        System.exit(0);
    }

    private static List<String> seed(LifecycleStandIns fixture, LifecycleStandIns.Components c, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    String tenant = UUID.randomUUID().toString();
                    fixture.consent(c.vault(), tenant, true);
                    return tenant;
                }));
            }
            List<String> tenants = new ArrayList<>();
            for (Future<String> f : futures) {
                tenants.add(f.get());
            }
            return tenants;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long maxIn(List<RequestRecord> ops, Duration window) {
        List<Instant> times = ops.stream().map(RequestRecord::receivedAt).sorted().toList();
        long max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (Duration.between(times.get(from), times.get(to)).compareTo(window) >= 0) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    /** Samples the used heap on a daemon thread; the maximum seen is the peak. */
    private static final class HeapSampler implements Runnable {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this, "heap-sampler");

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        @Override
        public void run() {
            while (running) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            return peak.get();
        }
    }
}
