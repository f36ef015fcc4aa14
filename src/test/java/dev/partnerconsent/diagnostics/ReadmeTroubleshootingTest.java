package dev.partnerconsent.diagnostics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failure catalogue, the /troubleshooting page and the README's table of common failures say the same thing: the
 * page is built from the catalogue (its model must hold every entry once), the README's table names catalogue codes
 * with their titles, and the README carries the table and a link instead of the catalogue itself.
 */
class ReadmeTroubleshootingTest {

    private static final String TABLE_MARKER = "<!-- common-failures";
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.+?) \\| (.+?) \\|$");

    private final FailureCatalogue catalogue = new FailureCatalogue();

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    /** The rows of the README's common-failures table: code, what it means, fix. */
    static List<String[]> commonFailures(String readme) {
        int marker = readme.indexOf(TABLE_MARKER);
        assertTrue(marker >= 0, "README.md has the common-failures table");
        List<String[]> rows = new ArrayList<>();
        String[] lines = readme.substring(marker).split("\n");
        for (int i = 3; i < lines.length && lines[i].startsWith("|"); i++) { // marker, header, separator
            Matcher m = ROW.matcher(lines[i]);
            assertTrue(m.matches(), "a row of three cells, the code in backticks: " + lines[i]);
            rows.add(new String[]{m.group(1), m.group(2), m.group(3)});
        }
        return rows;
    }

    @Test
    void readmesCommonFailuresAreCatalogueEntriesWithTheirTitles() throws Exception {
        List<String[]> rows = commonFailures(readme());
        assertEquals(10, rows.size(), "the ten commonest failures");
        Set<String> codes = new LinkedHashSet<>();
        for (String[] row : rows) {
            Explanation entry = catalogue.find(row[0]).orElseThrow(() -> new AssertionError("not in the catalogue: " + row[0]));
            assertEquals(entry.code(), row[0], "spelled as in the catalogue (the page's anchor)");
            assertEquals(entry.title(), row[1], "README's 'what it means' for " + row[0] + " is the catalogue's title");
            assertFalse(row[2].isBlank(), row[0]);
            assertTrue(codes.add(row[0]), "listed once: " + row[0]);
        }
    }

    @Test
    void readmeLinksToTheGuideInsteadOfCarryingTheCatalogue() throws Exception {
        String readme = readme();
        assertTrue(readme.contains("/troubleshooting"), "README points to the /troubleshooting page");
        assertFalse(readme.contains("\n#### `"), "no catalogue entry headings in README");
        Set<String> copied = new TreeSet<>();
        for (Explanation e : catalogue.entries().values()) {
            if (readme.contains(e.meaning())) {
                copied.add(e.code());
            }
        }
        assertEquals(Set.of(), copied, "catalogue entries copied into README");
    }

    @Test
    void thePageListsEveryCatalogueEntryOnce() {
        List<String> listed = new ArrayList<>();
        for (TroubleshootingView.Section section : TroubleshootingView.group(catalogue)) {
            assertFalse(section.title().isBlank());
            assertFalse(section.entries().isEmpty(), "empty section " + section.title());
            section.entries().forEach(e -> listed.add(e.code()));
        }
        List<String> expected = catalogue.entries().values().stream().map(Explanation::code).toList();
        assertEquals(new TreeSet<>(expected), new TreeSet<>(listed), "the page's entries are the catalogue's");
        assertEquals(expected.size(), listed.size(), "each entry once");
        for (String code : listed) {
            assertTrue(code.matches("[A-Za-z][A-Za-z0-9_-]*"), "usable as an HTML id and URL fragment: " + code);
        }
    }

    @Test
    void errorPagesLinkToTheEntryThatExplainsThem() {
        TroubleshootingView view = new TroubleshootingView(catalogue);
        assertEquals("AADSTS50011", view.anchor(new Failure("aadsts50011", 400, "", EntraTrace.none())));
        assertEquals("AADSTS7000215", view.anchor(new Failure("entra-error", 502, "invalid_client: AADSTS7000215: Invalid client secret.", EntraTrace.none())));
        assertEquals("invalid_request", view.anchor(new Failure("AADSTS4242424", 400, "invalid_request: AADSTS4242424: Never seen.", EntraTrace.none())));
        assertEquals("unknown", view.anchor(new Failure("something-else", 500, "", EntraTrace.none())));
    }

    @Test
    void readmeSpeaksOfTheProductOnly() throws Exception {
        String readme = readme();
        int benchmark = readme.indexOf("\n## Benchmark\n");
        assertTrue(benchmark >= 0, "README has a Benchmark section");
        int afterBenchmark = readme.indexOf("\n## ", benchmark + 1);
        String outside = readme.substring(0, benchmark) + (afterBenchmark < 0 ? "" : readme.substring(afterBenchmark));
        Set<String> found = new TreeSet<>();
        Matcher issue = Pattern.compile("(?i)\\bissues?\\s*#?\\d+|(?<![\\w&/])#\\d+\\b").matcher(readme);
        while (issue.find()) {
            found.add("issue number: " + issue.group());
        }
        for (String text : new String[]{outside, Files.readString(Path.of("docker/README.md"), StandardCharsets.UTF_8)}) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String phrase : List.of("last run", "last full run", "measured here", "this machine", "build machine",
                    "machines this project", "load average", " cpus")) {
                if (lower.contains(phrase)) {
                    found.add("outside the Benchmark section: " + phrase);
                }
            }
        }
        assertEquals(Set.of(), found);
    }
}
