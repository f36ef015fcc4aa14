package dev.partnerconsent.entra;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each check of the ID token answers with its own catalogue code, so the page says which check refused it. */
class IdTokenCheckTest {

    @Test
    void everyCheckHasItsOwnCodeWithACatalogueEntry() {
        Map<TokenRejected.Check, FailureCode> expected = Map.ofEntries(
                Map.entry(TokenRejected.Check.ALGORITHM, FailureCode.ID_TOKEN_ALGORITHM),
                Map.entry(TokenRejected.Check.MALFORMED, FailureCode.ID_TOKEN_MALFORMED),
                Map.entry(TokenRejected.Check.SIGNING_KEY, FailureCode.ID_TOKEN_SIGNING_KEY),
                Map.entry(TokenRejected.Check.KEYS_UNREACHABLE, FailureCode.JWKS_UNREACHABLE),
                Map.entry(TokenRejected.Check.SIGNATURE, FailureCode.ID_TOKEN_SIGNATURE),
                Map.entry(TokenRejected.Check.AUDIENCE, FailureCode.ID_TOKEN_AUDIENCE),
                Map.entry(TokenRejected.Check.ISSUER, FailureCode.ID_TOKEN_ISSUER),
                Map.entry(TokenRejected.Check.SUBJECT, FailureCode.ID_TOKEN_SUBJECT),
                Map.entry(TokenRejected.Check.LIFETIME, FailureCode.ID_TOKEN_LIFETIME),
                Map.entry(TokenRejected.Check.EXPIRED, FailureCode.ID_TOKEN_EXPIRED),
                Map.entry(TokenRejected.Check.NONCE, FailureCode.ID_TOKEN_NONCE));
        assertEquals(EnumSet.allOf(TokenRejected.Check.class), EnumSet.copyOf(expected.keySet()), "every check is listed here");
        FailureCatalogue catalogue = new FailureCatalogue();
        expected.forEach((check, code) -> {
            assertEquals(code, IdTokenCheck.code(check), check.name());
            assertTrue(catalogue.find(code.code()).isPresent(), code.code());
        });
    }
}
