package dev.partnerconsent.diagnostics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
    void everyCodeTheAppRaisesHasAnEntryWithItsStatus() {
        Set<String> missing = new TreeSet<>();
        for (FailureCode code : FailureCode.values()) {
            catalogue.find(code.code()).ifPresentOrElse(
                    e -> assertEquals(e.status(), code.status(), code.code()),
                    () -> missing.add(code.code()));
        }
        assertEquals(Set.of(), missing);
        assertEquals("id-token-audience", FailureCode.ID_TOKEN_AUDIENCE.code());
        assertEquals("keyvault-5xx", FailureCode.KEYVAULT_5XX.code());
        assertEquals(Optional.of(FailureCode.KEYVAULT_403), FailureCode.of("KeyVault-403"));
    }

    @Test
    void everyEntryCarriesAnHttpErrorStatus() {
        for (Explanation e : catalogue.entries().values()) {
            assertTrue(e.status() >= 400 && e.status() <= 599, e.code() + ": " + e.status());
        }
        assertEquals(404, FailureCode.NOT_FOUND.status());
        assertEquals(409, FailureCode.KEEPALIVE_BUSY.status());
        assertEquals(503, FailureCode.KEYVAULT_429.status());
        Failure f = Failure.of(FailureCode.TENANT_ID_INVALID, "x");
        assertEquals(400, f.httpStatus());
        assertEquals("tenant-id-invalid", f.code());
        assertEquals(504, Failure.of(FailureCode.KEYVAULT_UNREACHABLE, 504, "x").httpStatus(), "an explicit status wins");
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
        Failure f = new Failure("invalid_grant", 502, "invalid_grant: AADSTS50173: The provided grant has expired due to it being revoked.", EntraTrace.none());
        assertEquals("AADSTS50173", FailureCatalogue.aadstsCode(f.detail()).orElseThrow());
        assertEquals(catalogue.find("invalid_grant").orElseThrow(), catalogue.explain(f));
        Explanation generic = catalogue.explain(new Failure("AADSTS4242424", 400, "x", EntraTrace.none()));
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
                catalogue.explain(new Failure("AADSTS90033", 502, "AADSTS90033: no OAuth code in front", EntraTrace.none())).fix());
    }
}
