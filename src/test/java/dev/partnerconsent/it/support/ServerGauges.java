package dev.partnerconsent.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server holds, read from outside: Payara's MicroProfile base metrics (threads, heap) and the TCP connections
 * on this machine to a stand-in's port (from {@code /proc/net/tcp}), for leak checks after a run.
 */
public final class ServerGauges {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerGauges() {
    }

    /** Live threads of the server JVM ({@code thread_count} in the base scope). */
    public static long threads() {
        return baseMetric("thread_count");
    }

    /** Heap in use, bytes ({@code memory_usedHeap_bytes}). */
    public static long heapUsed() {
        return baseMetric("memory_usedHeap_bytes");
    }

    /**
     * Heap in use after a full GC of the server, asked for with {@code jcmd <pid> GC.run}: without it, the figure is
     * mostly garbage not yet collected. The server is the child Java process running Payara Micro.
     */
    public static long heapAfterGc() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(serverProcess().pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (jcmd.waitFor() != 0) {
            throw new AssertionError("jcmd GC.run failed with exit code " + jcmd.exitValue());
        }
        return heapUsed();
    }

    /**
     * ESTABLISHED TCP connections the server process holds to 127.0.0.1:{@code port}: the socket inodes among the
     * server's file descriptors, looked up in {@code /proc/net/tcp}. The tests' own clients (browsers, the seeding
     * vault client) share the machine, so only the server's sockets are counted.
     */
    public static long serverConnectionsTo(int port) {
        java.util.Set<String> inodes = ProcSockets.inodesOf(java.util.List.of(serverProcess()));
        return ProcSockets.tcp().stream()
                .filter(e -> e.state().equals("01") && e.remotePort() == port && inodes.contains(e.inode())).count();
    }

    public static ProcessHandle serverProcess() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro")).findFirst()
                .orElseThrow(() -> new AssertionError("the Payara Micro process was not found among this JVM's children"));
    }

    /**
     * Polls {@code gauge} until {@code settled} holds or the deadline passes; returns the last reading either way, so
     * the caller's assertion shows the figure.
     */
    public static long awaitSettled(LongSupplier gauge, LongPredicate settled, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        long value = gauge.getAsLong();
        while (!settled.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250); // polling interval, not synchronisation: the deadline bounds the wait
            value = gauge.getAsLong();
        }
        return value;
    }

    public static long baseMetric(String name) {
        String text;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(InContainer.appBaseUrl() + "/metrics?scope=base"))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("/metrics?scope=base answered " + r.statusCode());
            }
            text = r.body();
        } catch (IOException e) {
            throw new AssertionError("/metrics?scope=base unreadable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})?\\s+([0-9.eE+-]+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in the base metrics; names: "
                    + text.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("[{ ].*", "")).distinct().toList());
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
