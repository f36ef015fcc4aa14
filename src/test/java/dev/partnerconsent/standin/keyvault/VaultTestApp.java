package dev.partnerconsent.standin.keyvault;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.partnerconsent.standin.tls.StandInTls;

/** The application the emulator's tests register in their vault, and its clients. */
public final class VaultTestApp {

    public static final String CLIENT_ID = "0f9f4a43-1d1e-4a44-9f2c-5b6b3c1a2d01";
    public static final String CLIENT_SECRET = "app-secret-value";

    private VaultTestApp() {
    }

    /** The TLS material the test JVM trusts. */
    public static StandInTls tls() {
        return VaultClients.tls();
    }

    public static Principal register(LocalKeyVault vault) {
        return vault.registerClient(CLIENT_ID, CLIENT_SECRET);
    }

    /** A real {@link SecretClient} signed in as the app. */
    public static SecretClient client(LocalKeyVault vault) {
        return VaultClients.secretClient(vault, VaultClients.clientSecret(vault, CLIENT_ID, CLIENT_SECRET));
    }

    /** An access token for the app, fetched over the wire. */
    static String token(LocalKeyVault vault) {
        return RawHttp.token(vault, CLIENT_ID, CLIENT_SECRET);
    }
}
