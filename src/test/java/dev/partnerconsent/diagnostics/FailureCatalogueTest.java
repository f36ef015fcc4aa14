package dev.partnerconsent.diagnostics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureCatalogueTest {

    private final FailureCatalogue catalogue = new FailureCatalogue();

    /** Every code the issue names must have an entry. */
    static final List<String> REQUIRED = List.of("AADSTS50011", "AADSTS500112", "AADSTS500113", "AADSTS7000215", "AADSTS7000222",
            "AADSTS700016", "AADSTS65001", "AADSTS650052", "AADSTS65005", "AADSTS50020", "AADSTS50105", "AADSTS53003", "AADSTS50076",
            "AADSTS50078", "AADSTS70043", "AADSTS700082", "AADSTS50173", "AADSTS70000", "AADSTS700007", "AADSTS90002", "AADSTS900421",
            "invalid_client", "invalid_grant", "access_denied", "consent_required",
            "id-token-audience", "id-token-issuer", "id-token-signature", "id-token-nonce", "state-mismatch", "mfa-missing",
            "tenant-not-allowed", "keyvault-401", "keyvault-403", "keyvault-404", "keyvault-409", "keyvault-429", "keyvault-tls",
            "keyvault-unreachable", "keyvault-dns", "unknown");

    @Test
    void everyRequiredCodeHasACompleteEntry() {
        for (String code : REQUIRED) {
            Explanation e = catalogue.find(code).orElseThrow(() -> new AssertionError("missing catalogue entry " + code));
            assertFalse(e.title().isBlank(), code);
            assertFalse(e.meaning().isBlank(), code);
            assertFalse(e.causes().isEmpty(), code);
            assertFalse(e.fix().isBlank(), code);
        }
    }

    @Test
    void everyCodeTheAppRaisesHasAnEntry() throws IOException {
        Pattern raised = Pattern.compile("(?:FailureException|Failure\\.of|new Failure)\\(\\s*\"([a-z0-9-]+)\"");
        Set<String> missing = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = raised.matcher(Files.readString(file));
                while (m.find()) {
                    seen.add(m.group(1));
                    if (catalogue.find(m.group(1)).isEmpty()) {
                        missing.add(m.group(1) + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertTrue(seen.size() > 30, "the scan finds the codes: " + seen);
        assertEquals(Set.of(), missing);
    }

    @Test
    void keyVaultCodesBuiltFromStatusesHaveEntries() {
        for (String code : List.of("keyvault-401", "keyvault-403", "keyvault-404", "keyvault-409", "keyvault-429", "keyvault-5xx",
                "keyvault-http", "keyvault-dns", "keyvault-tls", "keyvault-unreachable")) {
            assertTrue(catalogue.find(code).isPresent(), code);
        }
    }

    @Test
    void aadstsCodeIsFoundInADescriptionAndUnknownCodesGetTheGenericEntry() {
        Failure f = Failure.of("invalid_grant", 502, "invalid_grant: AADSTS50173: The provided grant has expired due to it being revoked.");
        assertEquals("AADSTS50173", FailureCatalogue.aadstsCode(f.detail()).orElseThrow());
        assertEquals(catalogue.find("invalid_grant").orElseThrow(), catalogue.explain(f));
        Explanation generic = catalogue.explain(Failure.of("AADSTS4242424", 400, "x"));
        assertTrue(generic.title().contains("AADSTS4242424"));
        assertEquals(catalogue.find("unknown").orElseThrow().fix(), generic.fix());
    }

    @Test
    void anAadstsCodeNotInTheCatalogueIsExplainedByItsOAuthError() {
        Failure f = new Failure("AADSTS90033", 502, "temporarily_unavailable: AADSTS90033: A transient error has occurred.",
                EntraTrace.none());
        Explanation e = catalogue.explain(f);
        Explanation oauth = catalogue.find("temporarily_unavailable").orElseThrow();
        assertEquals(oauth.fix(), e.fix());
        assertEquals(oauth.meaning(), e.meaning());
        assertEquals(oauth.title() + " (AADSTS90033)", e.title(), "the unknown code stays in the title, to search for");
        assertEquals(catalogue.find("unknown").orElseThrow().fix(),
                catalogue.explain(Failure.of("AADSTS90033", 502, "AADSTS90033: no OAuth code in front")).fix());
    }
}
