package dev.partnerconsent.standin.keyvault;

import com.azure.security.keyvault.secrets.SecretClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One emulator per test class, an application registered in it, and a clean vault before every test. */
abstract class EmulatorTestBase {

    static final String CLIENT_ID = "0f9f4a43-1d1e-4a44-9f2c-5b6b3c1a2d01";
    static final String CLIENT_SECRET = "app-secret-value";

    static LocalKeyVault vault;
    static Principal app;
    static SecretClient client;

    @BeforeAll
    static void startEmulator() {
        vault = LocalKeyVault.start(VaultClients.tls(), 0);
        app = vault.registerClient(CLIENT_ID, CLIENT_SECRET);
        client = VaultClients.secretClient(vault, VaultClients.clientSecret(vault, CLIENT_ID, CLIENT_SECRET));
    }

    @AfterAll
    static void stopEmulator() {
        vault.close();
    }

    @BeforeEach
    void cleanVault() {
        vault.clear();
        vault.faults().reset();
        vault.counters().reset();
        vault.recoveryTime(Duration.ofMillis(300));
    }

    /** An access token for the registered application, fetched over the wire. */
    static String appToken() {
        return RawHttp.token(vault, CLIENT_ID, CLIENT_SECRET);
    }

    static String url(String pathAndQuery) {
        return vault.vaultUrl() + pathAndQuery;
    }
}
