package dev.partnerconsent.diagnostics;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's troubleshooting section is exactly what the failure catalogue says. */
class ReadmeTroubleshootingTest {

    @Test
    void readmeTroubleshootingMatchesTheCatalogue() throws Exception {
        FailureCatalogue catalogue = new FailureCatalogue();
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String expected = TroubleshootingGuide.updated(readme, catalogue);
        assertEquals(expected, readme, "README.md's troubleshooting section is out of date: regenerate it with "
                + "mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.partnerconsent.diagnostics.TroubleshootingGuide");
        for (String code : catalogue.codes()) {
            assertTrue(readme.contains("#### `" + catalogue.entries().get(code).code() + "`"), code);
        }
    }
}
