package dev.partnerconsent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server the test starts itself (WildFly, Payara Server, a Payara Micro node): its process tree, its log under
 * {@code target/}, waiting for it to answer, and stopping it for sure. Every failure message carries the log's tail.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;
    private final Instant started = Instant.now();

    private ServerProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command} in {@code dir}, output (stdout and stderr) to {@code log} (replaced). */
    public static ServerProcess start(String name, List<String> command, Path dir, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log.resolveSibling(log.getFileName() + ".commands"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().putAll(env);
            return new ServerProcess(name, log, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /** Runs a short command to its end (e.g. {@code asadmin deploy}); fails with its output and the server log. */
    public String run(List<String> command, Path dir, Map<String, String> env, Duration limit) {
        return runToEnd(command, dir, env, log, limit, this::failureContext);
    }

    /** Runs a short command to its end, before any server runs; its output goes to {@code log}. */
    public static String runToEnd(String name, List<String> command, Path dir, Map<String, String> env, Path log, Duration limit) {
        return runToEnd(command, dir, env, log, limit, () -> "");
    }

    private static String runToEnd(List<String> command, Path dir, Map<String, String> env, Path log, Duration limit,
                                   java.util.function.Supplier<String> failureContext) {
        try {
            Files.createDirectories(log.getParent());
            Path out = log.resolveSibling(log.getFileName() + ".cmd");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                destroyTree(p.toHandle());
                throw new AssertionError(String.join(" ", command) + " did not finish in " + limit + failureContext.get());
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.writeString(log.resolveSibling(log.getFileName() + ".commands"),
                    "$ " + String.join(" ", command) + "\n" + output + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + output
                        + failureContext.get());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until {@code url} answers 200; fails with the log's tail if the process ends first or the limit
     * passes. Returns the time from start.
     */
    public Duration awaitOk(String url, Duration limit) {
        return awaitOk(url, limit, body -> false);
    }

    /** As {@link #awaitOk(String, Duration)}, failing at once when an answer's body shows the start failed. */
    public Duration awaitOk(String url, Duration limit, java.util.function.Predicate<String> failed) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before " + url
                        + " answered" + failureContext());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.between(started, Instant.now());
                }
                last = r.statusCode() + " " + r.body();
                if (failed.test(r.body())) {
                    throw new AssertionError(name + " failed to start: " + url + " answered " + last + failureContext());
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(300);
        }
        throw new AssertionError(name + ": " + url + " did not answer 200 within " + limit + " (last: " + last + ")"
                + failureContext());
    }

    /**
     * Listening TCP sockets of the server's process tree that are not on the loopback address, read from
     * {@code /proc} (Linux): {@code [0.0.0.0:7676]} when a server listens on all interfaces. Empty elsewhere.
     */
    public List<String> nonLoopbackListeners() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        java.util.Set<String> inodes = ProcSockets.inodesOf(tree);
        List<String> found = new ArrayList<>();
        for (ProcSockets.Entry e : ProcSockets.tcp()) {
            if (e.state().equals("0A") && inodes.contains(e.inode()) && !isLoopback(e.localAddress())) {
                String a = e.localAddress();
                found.add(e.table() + " " + a + " (port " + Integer.parseInt(a.substring(a.indexOf(':') + 1), 16) + ")");
            }
        }
        return found;
    }

    private static boolean isLoopback(String hexAddress) {
        String ip = hexAddress.substring(0, hexAddress.indexOf(':'));
        return ip.equals("0100007F")                                   // 127.0.0.1 (little-endian)
                || ip.equals("00000000000000000000000001000000")      // ::1
                || ip.equals("0000000000000000FFFF00000100007F");     // ::ffff:127.0.0.1
    }

    /** The last lines of the server's log, for assertion messages. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public String failureContext() {
        return "\n--- last lines of " + log + " ---\n" + logTail(60);
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server and everything it started (a launcher script's JVM included), forcibly after 30 s. */
    @Override
    public void close() {
        destroyTree(process.toHandle());
    }

    /** Kills the server and its children at once (SIGKILL): no shutdown hook, no orderly undeploy — a node dying. */
    public void kill() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillGoing) {
                // nothing more can be done from here
            }
        }
    }

    public static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(30);
        for (ProcessHandle h : tree) {
            while (h.isAlive() && Instant.now().isBefore(deadline)) {
                sleep(100);
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillGoing) {
                // nothing more can be done from here
            }
        }
    }

    /** An app setting as the environment variable MicroProfile Config maps it to. */
    public static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Settings as environment variables ({@code partnerconsent.client-id} becomes {@code PARTNERCONSENT_CLIENT_ID}). */
    public static Map<String, String> asEnvironment(Map<String, String> settings) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> env.put(envName(k), v));
        return env;
    }

    public static int port(String name) {
        Integer port = Integer.getInteger(name);
        if (port == null) {
            throw new IllegalStateException("no reserved port " + name + ": run through Maven (failsafe)");
        }
        return port;
    }

    /** Removes a directory tree (a previous run's server state). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree. */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
