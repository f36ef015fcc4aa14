package dev.partnerconsent.bench;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.standin.entra.ClientRegistration;
import dev.partnerconsent.standin.entra.DemoTenants;
import dev.partnerconsent.standin.entra.Endpoint;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The consent path under load: Payara Micro serving the packaged WAR against the stand-ins, driven over HTTP by
 * virtual users doing whole consents (GET /consent/start, the local Entra ID's login form, the callback, the result
 * page) at 1, 4 and 16 users after a warm-up, alternating at each concurrency with the same sign-in through the server's
 * own OpenID Connect support (the baseline WAR of {@code src/test/baseline}, in a second Payara Micro). Reports throughput, callback latency, the app's own time per consent
 * from its metrics, the server JVM's CPU time per consent and the metadata/JWKS requests per 1,000 consents.
 * Not a test: {@code mvn -Pbenchmark} (README, "Benchmark").
 */
public final class ConsentBenchmark {

    static final String USER = "admin@contosopartner.onmicrosoft.com";
    /** The baseline's own app registration: the stand-in lets it go without PKCE, which Jakarta Security lacks. */
    static final String BASELINE_CLIENT_ID = "b0a5e11e-0c1d-4e2f-8a3b-4c5d6e7f8091";
    static final String BASELINE_CLIENT_SECRET = "local-baseline-secret-Hx3.Tq8~Lm2-Wd7Ns4";

    private final Path build;
    private final Path work;
    private final Duration warmup;
    private final Duration phase;
    private final int[] users;
    private final List<AutoCloseable> running = new ArrayList<>();

    private ConsentBenchmark(Path build, Duration warmup, Duration phase, int[] users) {
        this.build = build;
        this.work = build.resolve("benchmark");
        this.warmup = warmup;
        this.phase = phase;
        this.users = users;
    }

    /** One phase of one server: the load figures, what the server reported and the provider documents it fetched. */
    record Phase(ClosedLoop.Result load, Duration serverCpu, AppTimers timers, long metadataRequests, long jwksRequests) {
        Duration cpuPerSignIn() {
            return load.completed() == 0 ? Duration.ZERO : serverCpu.dividedBy(load.completed());
        }
    }

    /** All phases of one server. */
    record Series(String name, List<Phase> phases, Duration startup) {
        long signIns() {
            return phases.stream().mapToLong(p -> p.load().completed()).sum();
        }

        long metadataRequests() {
            return phases.stream().mapToLong(Phase::metadataRequests).sum();
        }

        long jwksRequests() {
            return phases.stream().mapToLong(Phase::jwksRequests).sum();
        }

        double perThousand(long requests) {
            return signIns() == 0 ? 0 : requests * 1000.0 / signIns();
        }
    }

    /** A server under test: how a virtual user signs in there, and where its timers are (null: it has none). */
    record Target(String name, MicroServer server, Duration startup, IntFunction<ClosedLoop.User> users,
                  TimerSource timers) {
    }

    interface TimerSource {
        AppTimers read() throws IOException, InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        ConsentBenchmark b = new ConsentBenchmark(Path.of(System.getProperty("benchmark.build", "target")).toAbsolutePath(),
                Duration.ofSeconds(Integer.getInteger("benchmark.consent.warmup", 30)),
                Duration.ofSeconds(Integer.getInteger("benchmark.consent.seconds", 20)),
                Arrays.stream(System.getProperty("benchmark.consent.users", "1,4,16").split(","))
                        .mapToInt(s -> Integer.parseInt(s.trim())).toArray());
        Thread cleanup = new Thread(b::stopAll, "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int exit;
        try {
            exit = b.run();
        } finally {
            b.stopAll();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        Path war = build.resolve("partner-consent.war");
        Path microJar = build.resolve("payara-micro/payara-micro.jar");
        if (!Files.isRegularFile(war) || !Files.isRegularFile(microJar)) {
            System.err.println("Missing " + war + " or " + microJar + ": run 'mvn -Pbenchmark'.");
            return 2;
        }
        Files.createDirectories(work);
        String loadBefore = Machine.loadAverage();
        Instant started = Instant.now();
        say("Starting the local Entra ID and Key Vault ...");
        StandIns standIns = started(StandIns.start(build.resolve("standin"), 0, 0));

        // Both servers up at once (the idle one costs next to no CPU), their phases alternating at each concurrency:
        // load from elsewhere on the machine then drifts over both alike instead of skewing the ratios
        Target partnerConsent = partnerConsent(standIns, war, microJar, "PartnerConsent", "partnerconsent");
        // -Dbenchmark.consent.before=<another partner-consent.war>: an earlier build measured in the same run
        Optional<Path> beforeWar = Optional.ofNullable(System.getProperty("benchmark.consent.before"))
                .filter(b -> !b.isBlank()).map(Path::of);
        Target before = beforeWar.isEmpty() ? null
                : partnerConsent(standIns, beforeWar.get(), microJar, "PartnerConsent before", "partnerconsent-before");
        Target baseline = baseline(standIns, microJar);
        warmUp(partnerConsent, standIns);
        if (before != null) {
            warmUp(before, standIns);
        }
        warmUp(baseline, standIns);
        List<Phase> pcPhases = new ArrayList<>();
        List<Phase> beforePhases = new ArrayList<>();
        List<Phase> basePhases = new ArrayList<>();
        for (int n : users) {
            pcPhases.add(phase(partnerConsent, n, standIns));
            if (before != null) {
                beforePhases.add(phase(before, n, standIns));
            }
            basePhases.add(phase(baseline, n, standIns));
        }
        stop(baseline.server());
        if (before != null) {
            stop(before.server());
        }
        stop(partnerConsent.server());

        Series pc = new Series(partnerConsent.name(), pcPhases, partnerConsent.startup());
        String report = ConsentReport.format(Machine.here(), started, loadBefore, Machine.loadAverage(), warmup, phase,
                pc, new Series(baseline.name(), basePhases, baseline.startup()))
                + (before == null ? "" : ConsentReport.beforeAndAfter(beforeWar.get(),
                new Series(before.name(), beforePhases, before.startup()), pc));
        System.out.print(report);
        Path out = Path.of(System.getProperty("benchmark.consent.out", work.resolve("consent.txt").toString()));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("Written to " + out);
        return 0;
    }

    private Target partnerConsent(StandIns standIns, Path war, Path microJar, String name, String dirName)
            throws Exception {
        int port = freePort();
        String appUrl = "http://127.0.0.1:" + port;
        Path dir = work.resolve(dirName);
        BaselineWar.deleteTree(dir);
        Path properties = dir.resolve("app.properties");
        Map<String, String> settings = new java.util.LinkedHashMap<>(standIns.registerApp(appUrl));
        settings.put("partnerconsent.allowed-tenants", "*"); // each consent is a new tenant
        StandIns.writeProperties(settings, properties);
        say("Starting Payara Micro with " + name + " (" + war + ") on :" + port + " (log: " + dir.resolve("payara.log")
                + ") ...");
        MicroServer server = started(MicroServer.start(name, microJar, war, port, properties,
                serverOptions(standIns), dir));
        Duration startup = server.awaitOk("/health/ready", Duration.ofSeconds(240));
        HttpClient metrics = HttpClient.newHttpClient();
        say(name + " ready after " + startup.toMillis() + " ms");
        return new Target(name, server, startup, u -> {
            ConsentBrowser browser = new ConsentBrowser(appUrl);
            return () -> {
                browser.cookies().getCookieStore().removeAll();
                // a new partner tenant each time, as in production: one new secret per consent
                Login login = new Login(USER, UUID.randomUUID().toString(), true);
                Page idp = browser.signIn(browser.start(null), login);
                long t0 = System.nanoTime();
                Page result = browser.callback(idp);
                long latency = System.nanoTime() - t0;
                if (result.status() != 200 || !result.body().contains("id=\"secret-version\"")) {
                    throw new IllegalStateException("the callback answered " + result.status() + " "
                            + ConsentBrowser.text(result, "error-code"));
                }
                return latency;
            };
        }, () -> AppTimers.read(metrics, appUrl, dir.resolve("metrics.txt")));
    }

    private Target baseline(StandIns standIns, Path microJar) throws Exception {
        int port = freePort();
        String appUrl = "http://127.0.0.1:" + port;
        Path dir = work.resolve("baseline");
        BaselineWar.deleteTree(dir);
        say("Building the baseline WAR from src/test/baseline ...");
        Path war = BaselineWar.build(Path.of("src/test/baseline").toAbsolutePath(), dir);
        String tenant = DemoTenants.CONTOSO_PARTNER.id();
        standIns.entra().registerClient(ClientRegistration.of(BASELINE_CLIENT_ID).withSecret(BASELINE_CLIENT_SECRET)
                .withRedirectUris(appUrl + "/callback").withPkceOptional().named("Baseline"));
        Map<String, String> settings = new LinkedHashMap<>();
        // a tenant's own authority: its metadata names the tenant's issuer, which the server's validator compares
        // as is (the 'organizations' document has Entra's {tenantid} template instead)
        settings.put("baseline.authority", standIns.entra().authority(tenant));
        settings.put("baseline.client-id", BASELINE_CLIENT_ID);
        settings.put("baseline.client-secret", BASELINE_CLIENT_SECRET);
        Path properties = dir.resolve("app.properties");
        StandIns.writeProperties(settings, properties);
        say("Starting Payara Micro with the baseline on :" + port + " (log: " + dir.resolve("payara.log") + ") ...");
        MicroServer server = started(MicroServer.start("baseline", microJar, war, port, properties,
                serverOptions(standIns), dir));
        Duration startup = server.awaitOk("/index.html", Duration.ofSeconds(240));
        say("Baseline ready after " + startup.toMillis() + " ms");
        return new Target("Baseline", server, startup, u -> {
            ConsentBrowser browser = new ConsentBrowser(appUrl);
            return () -> {
                browser.cookies().getCookieStore().removeAll();
                Page idp = browser.signIn(browser.get(appUrl + "/start"), new Login(USER, tenant, true));
                long t0 = System.nanoTime();
                Page result = browser.callback(idp);
                long latency = System.nanoTime() - t0;
                if (result.status() != 200 || !result.body().contains("id=\"signed-in\"")) {
                    throw new IllegalStateException("the baseline's callback answered " + result.status());
                }
                return latency;
            };
        }, null);
    }

    private void warmUp(Target t, StandIns standIns) throws InterruptedException {
        say("Warming up " + t.name() + " for " + warmup.toSeconds() + " s at 4 users ...");
        ClosedLoop.Result warm = ClosedLoop.run(4, warmup, t.users());
        if (warm.completed() == 0) {
            throw new IllegalStateException(t.name() + ": no sign-in completed while warming up (" + warm.failed()
                    + " failed; first: " + warm.firstFailure() + "); see " + t.server().log());
        }
        say(t.name() + " warm-up: " + warm.completed() + " sign-ins, " + warm.failed() + " failed");
    }

    /** One measured phase; provider document requests are counted over it (the other server is idle meanwhile). */
    private Phase phase(Target t, int n, StandIns standIns) throws Exception {
        standIns.entra().resetRequestCounts();
        AppTimers before = t.timers() == null ? null : t.timers().read();
        Duration cpuBefore = t.server().cpuTime();
        ClosedLoop.Result r = ClosedLoop.run(n, phase, t.users());
        Duration cpu = t.server().cpuTime().minus(cpuBefore);
        AppTimers delta = t.timers() == null ? null : t.timers().read().minus(before);
        if (delta != null && r.completed() > 0 && delta.callback().count() == 0) {
            throw new IllegalStateException(t.name() + ": no " + dev.partnerconsent.diagnostics.ConsentMetrics.CALLBACK
                    + " timer in /metrics?scope=application (the last answer is in metrics.txt beside the server log)");
        }
        say(String.format(java.util.Locale.ROOT, "%s, %d users: %.1f sign-ins/s, callback p50 %.1f ms, p99 %.1f ms, "
                        + "%d failed%s (load average %s)", t.name(), n, r.perSecond(), r.p50Nanos() / 1e6,
                r.p99Nanos() / 1e6, r.failed(), r.failed() == 0 ? "" : " (first: " + r.firstFailure() + ")",
                Machine.loadAverage()));
        return new Phase(r, cpu, delta, standIns.entra().requestCount(Endpoint.METADATA),
                standIns.entra().requestCount(Endpoint.JWKS));
    }

    private static List<String> serverOptions(StandIns standIns) {
        List<String> options = new ArrayList<>();
        options.add("-Dsun.net.httpserver.nodelay=true");
        options.addAll(standIns.trustStoreOptions());
        return options;
    }

    private synchronized <T extends AutoCloseable> T started(T resource) {
        running.add(resource);
        return resource;
    }

    private synchronized void stop(AutoCloseable resource) throws Exception {
        running.remove(resource);
        resource.close();
    }

    /** Servers first, then the stand-ins; safe to call twice (the shutdown hook and the normal end). */
    private synchronized void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("[benchmark] could not stop " + running.get(i) + ": " + e);
            }
        }
        running.clear();
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
