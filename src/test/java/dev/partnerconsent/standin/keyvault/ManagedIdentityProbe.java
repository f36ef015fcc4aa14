package dev.partnerconsent.standin.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;

/**
 * Runs in a separate JVM, configured like the Payara process: managed identity through real environment variables
 * ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}) and trust through {@code -Djavax.net.ssl.trustStore…}.
 * Needed because MSAL reads those variables with {@code System.getenv}, which a test cannot set in its own JVM.
 *
 * <p>Arguments: {@code managed-identity|default <vault url> <secret name> <value>}. Prints {@code OK <version>}.
 */
public final class ManagedIdentityProbe {

    private ManagedIdentityProbe() {
    }

    public static void main(String[] args) {
        try {
            TokenCredential credential = switch (args[0]) {
                case "managed-identity" -> new ManagedIdentityCredentialBuilder().build();
                case "default" -> new DefaultAzureCredentialBuilder().build();
                default -> throw new IllegalArgumentException("Unknown credential kind " + args[0]);
            };
            SecretClient client = new SecretClientBuilder()
                    .vaultUrl(args[1])
                    .credential(credential)
                    .disableChallengeResourceVerification()
                    .buildClient();
            KeyVaultSecret stored = client.setSecret(args[2], args[3]);
            String read = client.getSecret(args[2]).getValue();
            if (!args[3].equals(read)) {
                throw new IllegalStateException("Read back " + read + " instead of " + args[3]);
            }
            System.out.println("OK " + stored.getProperties().getVersion());
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
