package dev.partnerconsent.bench;

import dev.partnerconsent.standin.PayaraMicro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro JVM serving one WAR at '/' on 127.0.0.1, started as a child process; its CPU time read from
 * {@code /proc}. Closing it stops it for sure (forcibly after 30 s), so the benchmark leaves no process behind.
 */
final class MicroServer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    final String baseUrl;

    private MicroServer(String name, Process process, Path log, String baseUrl) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts {@code war} on {@code port} with these system properties (a file for {@code --systemProperties}) and
     * JVM options; state and log under {@code work}.
     */
    static MicroServer start(String name, Path microJar, Path war, int port, Path properties, List<String> jvmOptions,
                             Path work) {
        try {
            Files.createDirectories(work.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:-UsePerfData",      // no hsperfdata in /tmp
                    "-Djava.io.tmpdir=" + work.resolve("tmp")));
            command.addAll(jvmOptions);
            command.addAll(PayaraMicro.arguments(microJar, war, port, work.resolve("payara"), properties));
            Path log = work.resolve("payara.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new MicroServer(name, p, log, "http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until {@code path} answers 200; returns the time since start. */
    Duration awaitOk(String path, Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(limit) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended (exit " + process.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return Duration.between(start, Instant.now());
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(300);
        }
        throw new IllegalStateException(name + ": " + path + " did not answer 200 within " + limit + "; see " + log);
    }

    /** User plus system CPU time of the server JVM so far (Linux {@code /proc/<pid>/stat}). */
    Duration cpuTime() {
        return ProcCpu.of(process.pid());
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                h.destroyForcibly();
            }
        }
    }
}
