package dev.partnerconsent.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every secret value the stand-ins handed out in this JVM — codes, access, ID and refresh tokens, Key Vault tokens —
 * plus the fixed client secrets, so that the suite-wide leak check ({@code SuiteLeakCheck}, run by {@code mvn verify}
 * after all tests) can look for each of them in every log and report. Written at the end of the test JVM by
 * {@link SecretsJournalWriter} to {@code target/leak-check/}, the one place under target/ allowed to hold them (they
 * are the stand-ins' made-up values, never real ones).
 */
public final class SecretsJournal {

    private static final Set<String> VALUES = new LinkedHashSet<>();

    private SecretsJournal() {
    }

    public static synchronized void record(String value) {
        if (value != null && value.length() >= 12) {
            VALUES.add(value);
        }
    }

    public static void recordAll(Collection<String> values) {
        values.forEach(SecretsJournal::record);
    }

    static synchronized Set<String> values() {
        return Set.copyOf(VALUES);
    }

    /** Writes one value per line to {@code dir/issued-<pid>.txt}; nothing when nothing was issued. */
    static synchronized void writeTo(Path dir) {
        if (VALUES.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("issued-" + ProcessHandle.current().pid() + ".txt"), VALUES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
