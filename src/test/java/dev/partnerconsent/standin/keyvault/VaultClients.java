package dev.partnerconsent.standin.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.partnerconsent.standin.tls.StandInTls;
import java.nio.file.Path;
import java.time.Duration;

/** Test helper: the real Azure SDK clients, configured the way the application configures them. */
final class VaultClients {

    private VaultClients() {
    }

    /** The TLS material the test JVM trusts through {@code -Djavax.net.ssl.trustStore} (set by surefire's argLine). */
    static StandInTls tls() {
        StandInTls tls = StandInTls.ensure(Path.of(System.getProperty("standin.dir", "target/standin")));
        String trustStore = System.getProperty("javax.net.ssl.trustStore");
        if (trustStore == null || !Path.of(trustStore).toAbsolutePath().normalize().equals(tls.trustStorePath())) {
            throw new IllegalStateException("Run these tests with " + String.join(" ", tls.trustStoreJvmOptions())
                    + " (Maven's surefire argLine sets them); javax.net.ssl.trustStore is " + trustStore);
        }
        return tls;
    }

    static TokenCredential clientSecret(LocalKeyVault vault, String clientId, String secret) {
        return new ClientSecretCredentialBuilder()
                .authorityHost(vault.authorityHost())
                .tenantId(vault.tenantId())
                .clientId(clientId)
                .clientSecret(secret)
                .disableInstanceDiscovery()
                .build();
    }

    static SecretClient secretClient(LocalKeyVault vault, TokenCredential credential) {
        return builder(vault, credential).buildClient();
    }

    /** A client whose retries are quick, so fault tests stay fast; Retry-After still wins when the vault sends it. */
    static SecretClient secretClient(LocalKeyVault vault, TokenCredential credential, int maxRetries) {
        return builder(vault, credential)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(maxRetries)
                        .setBaseDelay(Duration.ofMillis(10))
                        .setMaxDelay(Duration.ofMillis(50))))
                .buildClient();
    }

    private static SecretClientBuilder builder(LocalKeyVault vault, TokenCredential credential) {
        return new SecretClientBuilder()
                .vaultUrl(vault.vaultUrl())
                .credential(credential)
                .disableChallengeResourceVerification();
    }
}
