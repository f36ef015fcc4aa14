package dev.partnerconsent.it.support;

import dev.partnerconsent.standin.StandIns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks that no token, code or secret issued during the run appears in the server's logs or the tests' captured
 * output: every value the local Entra ID issued, the client secrets and the cookie key.
 */
public final class LeakCheck {

    private LeakCheck() {
    }

    public static Set<String> secretsOfTheRun(StandIns standIns) {
        Set<String> secrets = new LinkedHashSet<>(standIns.entra().issuedSecrets());
        secrets.add(StandIns.APP_CLIENT_SECRET);
        secrets.add(StandIns.KV_CLIENT_SECRET);
        secrets.add(StandIns.COOKIE_KEY);
        return secrets;
    }

    /** Server logs of the in-container runs and the captured test output, all under target/. */
    public static List<Path> capturedLogs() throws IOException {
        List<Path> files = new ArrayList<>();
        Path target = Path.of("target");
        try (Stream<Path> s = Files.list(target)) {
            s.filter(p -> p.getFileName().toString().startsWith("it-payara.log")).forEach(files::add);
        }
        Path reports = target.resolve("failsafe-reports");
        if (Files.isDirectory(reports)) {
            try (Stream<Path> s = Files.list(reports)) {
                s.filter(p -> p.getFileName().toString().endsWith("-output.txt")).forEach(files::add);
            }
        }
        return files;
    }

    public static void assertNoLeaks(Collection<String> secrets, List<Path> files) throws IOException {
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().startsWith("it-payara.log")),
                "the server log must exist to be checked: " + files);
        assertNotIn(secrets, files);
    }

    /** Fails if any of these files (e.g. a server log of the deployment tests) holds one of the secrets. */
    public static void assertNotIn(Collection<String> secrets, List<Path> files) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                if (secret.length() >= 12 && text.contains(secret)) {
                    found.add(file.getFileName() + " holds a " + secret.length() + "-character secret at offset "
                            + text.indexOf(secret));
                }
            }
        }
        if (!found.isEmpty()) {
            fail("Secrets leaked into logs: " + found);
        }
    }
}
