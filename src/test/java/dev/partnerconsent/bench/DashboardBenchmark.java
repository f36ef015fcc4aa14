package dev.partnerconsent.bench;

import dev.partnerconsent.it.support.ConsentSeeds;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.standin.StandIns;
import jakarta.json.Json;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard at many consents: seeds {@code benchmark.dashboard.consents} consents of every health straight into
 * the local Key Vault, starts Payara Micro with the packaged WAR, brings the health ledger up to the vault
 * ({@code POST /api/health/backfill}, timed), then
 * times (one request at a time, after a warm-up) the dashboard's first page, a filtered search, the last page, and
 * {@code GET /api/health-summary}, as a Reader automation client. Reports p50/p99 per request and the server's used
 * heap after a full GC before and after. Measures and reports; asserts nothing about time.
 */
public final class DashboardBenchmark {

    private static final Pattern USED_HEAP = Pattern.compile("(?m)^memory_usedHeap_bytes\\{[^}]*} ([0-9.E+]+)");

    private DashboardBenchmark() {
    }

    /** One request's timings. */
    record Timed(String name, String path, long[] nanos) {
        double p(double q) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Path build = Path.of(System.getProperty("benchmark.build", "target")).toAbsolutePath();
        int consents = Integer.getInteger("benchmark.dashboard.consents", 10_000);
        int requests = Integer.getInteger("benchmark.dashboard.requests", 200);
        Path work = build.resolve("benchmark").resolve("dashboard");
        Path war = build.resolve("partner-consent.war");
        Path microJar = build.resolve("payara-micro/payara-micro.jar");
        if (!Files.isRegularFile(war) || !Files.isRegularFile(microJar)) {
            System.err.println("Missing " + war + " or " + microJar + ": run 'mvn -Pbenchmark'.");
            System.exit(2);
        }
        BaselineWar.deleteTree(work);
        Files.createDirectories(work);
        String loadBefore = Machine.loadAverage();
        Instant started = Instant.now();
        try (StandIns standIns = StandIns.start(build.resolve("standin"), 0, 0)) {
            say("Seeding " + String.format(Locale.ROOT, "%,d", consents) + " consents in the local Key Vault ...");
            Instant seedStart = Instant.now();
            ConsentSeeds.seed(standIns, "", consents, Instant.now());
            say("Seeded in " + Duration.between(seedStart, Instant.now()).toMillis() + " ms");

            int port = freePort();
            Map<String, String> settings = new LinkedHashMap<>(standIns.registerApp("http://127.0.0.1:" + port));
            settings.put("partnerconsent.allowed-tenants", "*");
            Operators.configure(standIns, settings);
            Path properties = work.resolve("app.properties");
            StandIns.writeProperties(settings, properties);
            List<String> options = new ArrayList<>(List.of("-Dsun.net.httpserver.nodelay=true", "-Dh2.bindAddress=127.0.0.1"));
            options.addAll(standIns.trustStoreOptions());
            try (MicroServer server = MicroServer.start("PartnerConsent", microJar, war, port, properties, options, work)) {
                Duration startup = server.awaitOk("/health/ready", Duration.ofSeconds(240));
                say("Ready after " + startup.toMillis() + " ms; bringing the health ledger up to the vault ...");
                String token = Operators.appToken(standIns, Operators.READER_CLIENT_ID, Operators.READER_SECRET,
                        Operators.OPERATOR_TENANT, Operators.apiScope());
                String operator = Operators.appToken(standIns, Operators.OPERATOR_CLIENT_ID, Operators.OPERATOR_SECRET,
                        Operators.OPERATOR_TENANT, Operators.apiScope());
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                Instant backfillStart = Instant.now();
                HttpResponse<String> backfill = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/api/health/backfill"))
                        .header("Authorization", "Bearer " + operator).POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
                check(backfill, "/api/health/backfill");
                Duration backfillTook = Duration.between(backfillStart, Instant.now());
                long total = Json.createReader(new StringReader(get(http, server.baseUrl + "/api/health-summary", token).body()))
                        .readObject().getJsonNumber("total").longValue();
                if (total != consents) {
                    throw new IllegalStateException("the health ledger knows " + total + " of " + consents + " consents");
                }
                say("Ledger complete after " + backfillTook.toMillis() + " ms (" + backfill.body() + ")");

                long heapBefore = usedHeapAfterGc(server, http);
                List<Timed> timed = new ArrayList<>();
                for (String[] r : List.of(
                        new String[]{"dashboard, first page", "/admin/"},
                        new String[]{"dashboard, state filter and search", "/admin/index.xhtml?state=expiring&q=a"},
                        new String[]{"dashboard, page 150", "/admin/index.xhtml?state=all&page=150"},
                        new String[]{"GET /api/health-summary", "/api/health-summary"})) {
                    timed.add(time(http, server.baseUrl, token, r[0], r[1], requests));
                }
                long heapAfter = usedHeapAfterGc(server, http);

                StringBuilder report = new StringBuilder();
                report.append("PartnerConsent dashboard benchmark (").append(started).append(")\n")
                        .append("  machine        ").append(Machine.here().describe()).append('\n')
                        .append("  load average   ").append(loadBefore).append(" before, ").append(Machine.loadAverage())
                        .append(" after (1/5/15 min)\n")
                        .append(String.format(Locale.ROOT, "  consents       %,d in the vault and the health ledger;"
                                + " %d requests each, one at a time, after %d warm-up requests%n", consents, requests, requests / 4))
                        .append("  server         Payara Micro, -Xmx512m, default H2; POST /api/health/backfill took ")
                        .append(backfillTook.toMillis()).append(" ms for them all\n\n")
                        .append("  request                                   p50 ms    p99 ms   mean ms\n");
                for (Timed t : timed) {
                    report.append(String.format(Locale.ROOT, "  %-40s %8.1f  %8.1f  %8.1f%n", t.name(), t.p(0.50), t.p(0.99),
                            Arrays.stream(t.nanos()).average().orElse(0) / 1e6));
                }
                report.append(String.format(Locale.ROOT, "%n  server used heap after a full GC: %.1f MB before the"
                        + " requests, %.1f MB after%n", heapBefore / 1e6, heapAfter / 1e6));
                System.out.print(report);
                Path out = Path.of(System.getProperty("benchmark.dashboard.out", work.resolve("dashboard.txt").toString()));
                Files.createDirectories(out.getParent());
                Files.writeString(out, report, StandardCharsets.UTF_8);
                System.out.println("Written to " + out);
            }
        }
        System.exit(0);
    }

    private static Timed time(HttpClient http, String base, String token, String name, String path, int requests)
            throws Exception {
        for (int i = 0; i < requests / 4; i++) {
            check(get(http, base + path, token), path);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(http, base + path, token);
            nanos[i] = System.nanoTime() - t0;
            check(r, path);
        }
        Timed t = new Timed(name, path, nanos);
        say(String.format(Locale.ROOT, "%s: p50 %.1f ms, p99 %.1f ms", name, t.p(0.5), t.p(0.99)));
        return t;
    }

    private static void check(HttpResponse<String> r, String path) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The server's used heap right after a full GC it was asked for ({@code jcmd GC.run}), from its base metrics. */
    private static long usedHeapAfterGc(MicroServer server, HttpClient http) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/metrics?scope=base"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = USED_HEAP.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no memory_usedHeap_bytes in /metrics?scope=base");
        }
        return (long) Double.parseDouble(m.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void say(String line) {
        System.out.println("[benchmark] " + line);
    }
}
