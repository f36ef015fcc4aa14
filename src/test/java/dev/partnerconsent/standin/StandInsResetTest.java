package dev.partnerconsent.standin;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.partnerconsent.standin.entra.Endpoint;
import dev.partnerconsent.standin.keyvault.Operation;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one in-container test class leaves in the shared stand-ins is gone for the next one. */
class StandInsResetTest {

    @Test
    void resetForgetsSecretsFaultsAndCounts() throws Exception {
        try (StandIns standIns = StandIns.start(Path.of(System.getProperty("standin.dir")), 0, 0)) {
            SecretClient client = standIns.vaultClient();
            client.setSecret("left-behind", "value");
            standIns.vault().faults().forbid(Operation.SET);
            assertThrows(RuntimeException.class, () -> client.setSecret("refused", "value"));
            HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(standIns.entra().metadataUrl("organizations"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metadata.statusCode());
            assertTrue(standIns.entra().requestCount(Endpoint.METADATA) > 0);

            standIns.reset();

            assertTrue(standIns.vault().names().isEmpty(), "no secret left: " + standIns.vault().names());
            assertTrue(standIns.vault().secret("left-behind").isEmpty(), "not even a deleted one");
            assertEquals(0, standIns.vault().counters().count(Operation.SET), "the vault's counters start again");
            assertEquals(0, standIns.entra().requestCount(Endpoint.METADATA), "Entra's counters start again");
            client.setSecret("after-reset", "value");
            assertEquals(1, standIns.vault().counters().count(Operation.SET, 200), "the forbidding fault is gone");
        }
    }
}
