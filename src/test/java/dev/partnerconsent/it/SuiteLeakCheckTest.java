package dev.partnerconsent.it;

import dev.partnerconsent.it.support.SuiteLeakCheck;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite-wide leak check finds an issued value anywhere in a log or report, and never prints the value. */
class SuiteLeakCheckTest {

    private static final String SECRET = "0.AXkAlocal-refresh-token-9f8e7d6c5b4a";

    private static Path fakeTarget(String logText) throws Exception {
        Path target = Path.of(System.getProperty("java.io.tmpdir")).resolve("suite-leak-" + System.nanoTime());
        Files.createDirectories(target.resolve("leak-check"));
        Files.write(target.resolve("leak-check/issued-1.txt"), List.of("short", SECRET), StandardCharsets.UTF_8);
        Files.createDirectories(target.resolve("failsafe-reports"));
        Files.writeString(target.resolve("failsafe-reports/TEST-x.xml"), "<testcase/>");
        Files.createDirectories(target.resolve("wildfly/standalone/log"));
        Files.writeString(target.resolve("wildfly/standalone/log/server.log"), logText, StandardCharsets.ISO_8859_1);
        Files.createDirectories(target.resolve("it"));
        Files.writeString(target.resolve("it/app.properties"), "partnerconsent.client-secret=" + SECRET);
        Files.createDirectories(target.resolve("benchmark/partnerconsent"));
        Files.writeString(target.resolve("benchmark/partnerconsent/app.properties"), "partnerconsent.client-secret=" + SECRET);
        Files.writeString(target.resolve("benchmark/consent.txt"), "PartnerConsent consent benchmark: 46.8 consents/s");
        return target;
    }

    @Test
    void findsAnIssuedValueInAServerLogWithoutNamingIt() throws Exception {
        Path target = fakeTarget("INFO refreshed; token=" + SECRET + "&next\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SuiteLeakCheck.main(new String[] {target.toString()}));
        assertTrue(e.getMessage().contains("server.log at offset 22"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "the report never repeats the value");
    }

    @Test
    void passesWhenLogsHoldNoIssuedValueAndIgnoresConfigurationFiles() throws Exception {
        Path target = fakeTarget("INFO stored a new version of secret a1f0c7e2 (value never logged)\n");
        assertDoesNotThrow(() -> SuiteLeakCheck.main(new String[] {target.toString()}), "app.properties files are configuration, not logs");
    }

    @Test
    void findsAnIssuedValueInABenchmarkReport() throws Exception {
        Path target = fakeTarget("INFO\n");
        Files.writeString(target.resolve("benchmark/consent.txt"), "failure quoting " + SECRET);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SuiteLeakCheck.main(new String[] {target.toString()}));
        assertTrue(e.getMessage().contains("consent.txt"), e.getMessage());
    }

    @Test
    void refusesToPassWhenNoJournalWasWritten() throws Exception {
        Path target = Path.of(System.getProperty("java.io.tmpdir")).resolve("suite-leak-empty-" + System.nanoTime());
        Files.createDirectories(target);
        assertThrows(IllegalStateException.class, () -> SuiteLeakCheck.main(new String[] {target.toString()}));
    }

    @Test
    void findsEveryOccurrenceOnce() {
        var index = java.util.Map.of(SECRET.substring(0, 12), List.of(SECRET));
        assertEquals(2, SuiteLeakCheck.find(SECRET + " … " + SECRET, index, "f").size());
        assertEquals(0, SuiteLeakCheck.find(SECRET.substring(0, SECRET.length() - 1), index, "f").size());
    }
}
