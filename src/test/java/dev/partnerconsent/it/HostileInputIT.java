package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.DeployedApp;
import dev.partnerconsent.it.support.HostileRequests;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.ItTenants;
import dev.partnerconsent.it.support.RawExchange;
import dev.partnerconsent.it.support.ServerGauges;
import dev.partnerconsent.diagnostics.WarningLimiter;
import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.standin.keyvault.VaultSnapshot;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over 10,000 generated malformed requests (seeded: a failure names the seed that reproduces it) to the start, the
 * callback (GET and POST) and the operator routes. Every answer is a client error page or JSON — or a redirect to the
 * configured Entra ID or to the app's own sign-in — never a 5xx, never a stack trace, never the hostile input
 * reflected unescaped; nothing is stored; and the app still completes a real consent afterwards.
 */
class HostileInputIT extends InContainer {

    private static final long SEED = 20261127L;
    private static final int REQUESTS = Integer.getInteger("hostile.requests", 10_200);
    /** Refusals the HTTP connector makes before the app sees the request: no page is possible there. */
    private static final Set<Integer> CONNECTOR_REFUSALS = Set.of(400, 405, 413, 414, 431);

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    /** Bad answers by kind, each with its first examples (seed included). */
    private final Map<String, List<String>> problems = new ConcurrentHashMap<>();

    @Test
    void tenThousandMalformedRequestsAreRefusedClearlyAndStoreNothing() throws Exception {
        VaultSnapshot before = standIns().vault().snapshot();
        int port = Integer.getInteger("it.app.port");
        HostileRequests generator = new HostileRequests("127.0.0.1:" + port);
        Random seeds = new Random(SEED);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                long seed = seeds.nextLong();
                sent.add(pool.submit(() -> {
                    HostileRequests.Request request = generator.generate(seed);
                    check(request, RawExchange.send(port, request.wire()));
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println("Hostile input: " + REQUESTS + " requests in " + seconds + " s; outcomes " + new TreeMap<>(outcomes));

        StringBuilder report = new StringBuilder();
        problems.forEach((kind, examples) -> report.append("\n- ").append(kind).append(" (").append(examples.size())
                .append("), e.g. ").append(examples.subList(0, Math.min(3, examples.size()))));
        assertTrue(problems.isEmpty(), "bad answers:" + report);
        assertEquals(REQUESTS, outcomes.values().stream().mapToLong(LongAdder::sum).sum(), "every request was answered or refused");
        assertTrue(count("app 4xx") > REQUESTS / 2, "most requests reach the app and get its page or JSON: " + outcomes);
        assertEquals(before, standIns().vault().snapshot(), "nothing was stored, replaced or deleted");

        // Still healthy: a real consent goes through after the barrage
        ConsentBrowser.Page result = new ConsentBrowser(appBaseUrl()).consent(new Login(DeployedApp.USER, ItTenants.ECHO, true));
        assertEquals(200, result.status(), result.body());
        assertEquals(standIns().entra().lastRefreshToken(ItTenants.ECHO).orElseThrow(),
                standIns().vault().secret(ItTenants.ECHO).orElseThrow().latest().value(), "the consent after the barrage was stored");
    }

    private static final String OUTCOME = "/consent/outcome?o=";
    private static final int RANDOM_ERRORS = 10_000;
    /** Heap after a full GC may exceed the warm baseline by this much after the random errors. */
    private static final long HEAP_SLACK_BYTES = 16L << 20;

    /**
     * Anonymous callbacks with random error values cannot grow the app: no new metric series (labels come only from the
     * catalogue), no heap (every per-key map is bounded), and the log grows by a few lines a minute (repeated warnings
     * are summed up).
     */
    @Test
    void tenThousandCallbacksWithRandomErrorsGrowNeitherMetricsNorHeapNorTheLog() throws Exception {
        int port = Integer.getInteger("it.app.port");
        Random random = new Random(SEED + 1);
        randomErrors(port, 300, random); // warm: the series these requests count under, and the classes they load
        long series = failureSeries();
        long heapBefore = ServerGauges.heapAfterGc();
        long logBefore = logBytes();
        long started = System.nanoTime();
        randomErrors(port, RANDOM_ERRORS, random);
        long minutes = (System.nanoTime() - started) / 60_000_000_000L + 1;
        // the HTTP listener keeps each closed connection's objects until its idle timeout (30 s) passes: the server's, not the app's
        long heapAfter = ServerGauges.awaitSettled(HostileInputIT::heapAfterGc, h -> h <= heapBefore + HEAP_SLACK_BYTES,
                Duration.ofSeconds(90));
        long logGrowth = logBytes() - logBefore;
        System.out.printf("Random errors: %d callbacks in %d min; heap after GC %d MB -> %d MB; log +%d bytes%n",
                RANDOM_ERRORS, minutes, heapBefore >> 20, heapAfter >> 20, logGrowth);

        assertEquals(series, failureSeries(), "no new partnerconsent_failures series");
        assertTrue(heapAfter <= heapBefore + HEAP_SLACK_BYTES, "heap " + (heapBefore >> 20) + " MB -> " + (heapAfter >> 20) + " MB");
        // per minute: at most PER_CODE warnings of the one code these requests meet, and one summary line (~600 bytes each)
        long allowed = (minutes + 1) * (WarningLimiter.PER_CODE + 1) * 1_000L;
        assertTrue(logGrowth <= allowed, "the log grew by " + logGrowth + " bytes in " + minutes + " min (allowed " + allowed + ")");
    }

    /** Callbacks carrying a random error and description, half of them with a plausible state no browser holds. */
    private static void randomErrors(int port, int count, Random random) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String error = randomText(random, 1 + random.nextInt(40));
                String description = randomText(random, random.nextInt(200));
                String state = random.nextBoolean() ? "&state=" + randomText(random, 43).replaceAll("[^A-Za-z0-9]", "x") : "";
                String target = "/consent/callback?error=" + java.net.URLEncoder.encode(error, java.nio.charset.StandardCharsets.UTF_8)
                        + "&error_description=" + java.net.URLEncoder.encode(description, java.nio.charset.StandardCharsets.UTF_8) + state;
                sent.add(pool.submit(() -> RawExchange.send(port, ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).status()));
            }
            for (Future<Integer> f : sent) {
                assertEquals(303, f.get(), "each is answered with its outcome page's address");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long heapAfterGc() {
        try {
            return ServerGauges.heapAfterGc();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) (0x21 + random.nextInt(0x5E)));
        }
        return b.toString();
    }

    /** Series of partnerconsent_failures in the application's metrics. */
    private static long failureSeries() throws Exception {
        String metrics = new ConsentBrowser(appBaseUrl()).get(appBaseUrl() + "/metrics?scope=application").body();
        return metrics.lines().filter(l -> l.startsWith("partnerconsent_failures") && l.contains("code=")).count();
    }

    private static long logBytes() throws java.io.IOException {
        long bytes = 0;
        for (java.nio.file.Path log : dev.partnerconsent.it.support.LeakCheck.capturedLogs()) {
            if (log.getFileName().toString().startsWith("it-payara.log")) {
                bytes += java.nio.file.Files.size(log);
            }
        }
        return bytes;
    }

    /** A browser following the callback's 303 to its outcome page. */
    private static RawExchange.Answer followOutcome(String location) {
        int port = Integer.getInteger("it.app.port");
        try {
            return RawExchange.send(port, ("GET " + location + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long count(String outcome) {
        LongAdder a = outcomes.get(outcome);
        return a == null ? 0 : a.sum();
    }

    private void outcome(String name) {
        outcomes.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    private void check(HostileRequests.Request request, RawExchange.Answer answer) {
        if (answer.timedOut()) {
            problem("no answer within 30 s", request, "");
            outcome("timed out");
            return;
        }
        if (answer.noAnswer()) {
            // Only a request too big for the connector may be dropped without an answer
            if (!request.oversizedHead() && !answer.writeFailed()) {
                problem("connection closed without an answer", request, "");
            }
            outcome("closed by the connector");
            return;
        }
        int status = answer.status();
        String body = answer.body();
        boolean fromApp = answer.header("Content-Security-Policy").isPresent();
        if (status >= 500) {
            problem("5xx", request, status + " " + excerpt(body));
        }
        if (body.contains("\tat ") || body.contains("at dev.partnerconsent.") || body.contains("Exception:")
                || body.contains("java.lang.") || body.contains("jakarta.servlet.")) {
            problem("stack trace or exception text", request, excerpt(body));
        }
        for (String markup : HostileRequests.MARKUP) {
            if (reflectedUnescaped(body, markup)) {
                problem("markup reflected unescaped", request, markup);
            }
        }
        if (answer.headers().containsKey("x-injected") || answer.headers().getOrDefault("set-cookie", List.of()).stream()
                .anyMatch(c -> c.startsWith("pc_injected"))) {
            problem("header injection", request, "");
        }
        if (!fromApp) {
            if (!CONNECTOR_REFUSALS.contains(status) || !body.isEmpty()) {
                problem("answer without the app's security headers", request, status + " " + excerpt(body));
            }
            String why = connectorReason(request);
            if (why.isEmpty()) {
                problem("refused by the connector for no reason a client could know", request, status + "");
            }
            outcome("connector " + status + " (" + why + ")");
            return;
        }
        if (status >= 300 && status < 400) {
            String location = answer.header("Location").orElse("");
            if (status == 303 && location.startsWith(OUTCOME)) {
                // the callback's outcome is shown where it redirects: that answer is checked like any other
                check(request, followOutcome(location));
                return;
            }
            if (!safeRedirect(location)) {
                problem("redirect off the allowed targets", request, location);
            }
            outcome("app redirect");
            return;
        }
        if (status < 400) {
            problem("accepted (2xx)", request, String.valueOf(status));
        }
        String type = answer.header("Content-Type").orElse("");
        boolean page = type.contains("html") && body.contains("PartnerConsent");
        boolean json = type.startsWith("application/json") && body.strip().startsWith("{") && body.contains("\"error\"");
        if (!page && !json) {
            problem("neither the app's page nor JSON", request, status + " " + type + " " + excerpt(body));
        }
        outcome("app 4xx");
    }

    /** Only to the configured Entra ID's authorize endpoint, or to a path of the app itself (never another host). */
    private static boolean safeRedirect(String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String entra = standIns().entra().baseUrl();
        if (location.startsWith(entra + "/") && uri.getPath().endsWith("/oauth2/v2.0/authorize")) {
            return true;
        }
        boolean relative = uri.getScheme() == null && uri.getRawAuthority() == null && location.startsWith("/")
                && !location.startsWith("//") && !location.startsWith("/\\");
        return relative || location.startsWith(appBaseUrl() + "/");
    }

    /**
     * What the HTTP listener refuses before the app (no page is possible there): a request line or headers over its
     * limit, bytes no URI may hold, a Host header that is not a host, methods it does not route (TRACE, CONNECT, …).
     */
    private static String connectorReason(HostileRequests.Request request) {
        if (request.oversizedHead()) {
            return "head over 8 KB";
        }
        if (request.label().contains("raw 8-bit bytes")) {
            return "raw 8-bit bytes";
        }
        if (request.label().contains("Host with markup")) {
            return "malformed Host";
        }
        if (request.label().contains("method ")) {
            return request.method();
        }
        return "";
    }

    /**
     * Markup with '<' or '"' must never come back as is; a payload made only of single quotes is harmless as text and
     * only a problem inside a tag (an attribute it could break out of).
     */
    static boolean reflectedUnescaped(String body, String markup) {
        if (markup.contains("<") || markup.contains("\"")) {
            return body.contains(markup);
        }
        for (int at = body.indexOf(markup); at >= 0; at = body.indexOf(markup, at + 1)) {
            if (body.lastIndexOf('<', at) > body.lastIndexOf('>', at)) {
                return true;
            }
        }
        return false;
    }

    private void problem(String kind, HostileRequests.Request request, String detail) {
        problems.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(request + ": " + detail);
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.substring(0, Math.min(200, flat.length()));
    }
}
