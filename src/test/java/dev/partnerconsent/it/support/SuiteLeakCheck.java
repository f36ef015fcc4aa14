package dev.partnerconsent.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The suite-wide leak check, run by {@code mvn verify} after every test JVM has ended: each secret value any stand-in
 * issued during the whole run (the journals in {@code target/leak-check/}) is looked for in every log file and test
 * report under {@code target/} — the in-container server's log, WildFly's and Payara Server's logs, the uber-jar
 * nodes', Surefire's and Failsafe's reports and captured output, the benchmark's output. Fails the build naming the
 * file, offset and length of each hit, never the value.
 */
public final class SuiteLeakCheck {

    /**
     * Files that hold what a run printed or logged: logs anywhere, everything in the test report directories, and the
     * benchmark's reports. Not configuration (the app.properties a server was started with holds its client secret).
     */
    private static final Pattern LOG = Pattern.compile(".*\\.(log|out)(\\.\\d+)?$");
    private static final Set<String> REPORT_DIRS = Set.of("surefire-reports", "failsafe-reports");
    private static final int WINDOW = 12;

    private SuiteLeakCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        Path journals = target.resolve("leak-check");
        Set<String> secrets = secrets(journals);
        List<Path> files = scannedFiles(target, journals);
        List<String> hits = new ArrayList<>();
        long bytes = 0;
        Map<String, List<String>> byPrefix = byPrefix(secrets);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            hits.addAll(find(text, byPrefix, target.relativize(file).toString()));
        }
        System.out.printf("Suite leak check: %,d secret values issued during the run, looked for in %,d files (%,d MB)%n",
                secrets.size(), files.size(), bytes / 1_000_000);
        if (secrets.isEmpty()) {
            throw new IllegalStateException("No journal of issued secrets in " + journals + ": the tests did not run, or "
                    + "leakcheck.dir is not passed to the test JVMs");
        }
        if (!hits.isEmpty()) {
            throw new IllegalStateException("Secrets issued during the test run appear in logs or reports:\n  "
                    + String.join("\n  ", hits));
        }
    }

    private static Set<String> secrets(Path journals) throws IOException {
        Set<String> secrets = new LinkedHashSet<>();
        if (Files.isDirectory(journals)) {
            try (Stream<Path> s = Files.list(journals)) {
                for (Path journal : s.filter(p -> p.getFileName().toString().startsWith("issued-")).toList()) {
                    Files.readAllLines(journal, StandardCharsets.UTF_8).stream().filter(v -> v.length() >= WINDOW).forEach(secrets::add);
                }
            }
        }
        return secrets;
    }

    private static List<Path> scannedFiles(Path target, Path journals) throws IOException {
        try (Stream<Path> s = Files.walk(target)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(journals) && !p.startsWith(target.resolve("classes"))
                            && !p.startsWith(target.resolve("test-classes")))
                    .filter(p -> LOG.matcher(p.getFileName().toString()).matches()
                            || REPORT_DIRS.contains(target.relativize(p).getName(0).toString())
                            || benchmarkReport(target, p))
                    .toList();
        }
    }

    private static boolean benchmarkReport(Path target, Path file) {
        return file.getParent().equals(target.resolve("benchmark")) && file.getFileName().toString().endsWith(".txt");
    }

    /** Secrets indexed by their first characters, so one pass over a file checks all of them. */
    private static Map<String, List<String>> byPrefix(Set<String> secrets) {
        Map<String, List<String>> index = new HashMap<>();
        for (String secret : secrets) {
            index.computeIfAbsent(secret.substring(0, WINDOW), k -> new ArrayList<>()).add(secret);
        }
        return index;
    }

    public static List<String> find(String text, Map<String, List<String>> byPrefix, String where) {
        List<String> hits = new ArrayList<>();
        for (int i = 0; i + WINDOW <= text.length(); i++) {
            List<String> candidates = byPrefix.get(text.substring(i, i + WINDOW));
            if (candidates != null) {
                for (String secret : candidates) {
                    if (text.startsWith(secret, i)) {
                        hits.add(where + " at offset " + i + ": a " + secret.length() + "-character issued value");
                    }
                }
            }
        }
        return hits;
    }
}
