package dev.partnerconsent.vault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.partnerconsent.settings.ConsentSettings;

import java.time.Duration;

/**
 * Builds the Key Vault client from the settings: the client-secret credential when all three
 * {@code keyvault.*} credential settings are present, else {@code DefaultAzureCredential} (managed identity).
 * <p>
 * Retries are the SDK's own (honouring {@code Retry-After} on 429), bounded so that a consent page answers
 * within about a minute even when Key Vault keeps failing.
 */
final class VaultClientFactory {

    static final int MAX_RETRIES = 3;
    static final Duration BASE_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    private VaultClientFactory() {
    }

    static SecretClient create(ConsentSettings.KeyVaultSettings kv) {
        return create(kv, RESPONSE_TIMEOUT);
    }

    static SecretClient create(ConsentSettings.KeyVaultSettings kv, Duration responseTimeout) {
        // The timeouts belong on the HTTP client the app supplies: the builder's clientOptions only reach a client
        // the SDK builds itself, so set there they were silently replaced by azure-core's 60 s default.
        HttpClient http = new JdkHttpClientBuilder()
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(responseTimeout)
                .readTimeout(responseTimeout)
                .build();
        SecretClientBuilder builder = new SecretClientBuilder()
                .vaultUrl(kv.url().orElseThrow().toString())
                .credential(credential(kv))
                .httpClient(http)
                .clientOptions(new HttpClientOptions().setApplicationId("PartnerConsent"))
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(MAX_RETRIES).setBaseDelay(BASE_DELAY).setMaxDelay(MAX_DELAY))
                        .setShouldRetryCondition(VaultClientFactory::shouldRetry));
        if (!kv.verifyChallengeResource()) {
            builder.disableChallengeResourceVerification();
        }
        return builder.buildClient();
    }

    /**
     * Retries what Key Vault answered as transient (408, 429, 5xx but 501/505) and a connection that could not be
     * opened — never a request that was sent and got no answer in time: Key Vault may have carried out a write it did
     * not answer, and sending it again would store the refresh token as a second version.
     */
    static boolean shouldRetry(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        if (response != null) {
            int status = response.getStatusCode();
            return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
        }
        for (Throwable t = condition.getThrowable(); t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException || t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static TokenCredential credential(ConsentSettings.KeyVaultSettings kv) {
        if (kv.usesClientSecret()) {
            ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder()
                    .tenantId(kv.tenantId().get())
                    .clientId(kv.clientId().get())
                    .clientSecret(kv.clientSecret().get().getValue());
            kv.authorityHost().ifPresent(host -> b.authorityHost(host.toString()).disableInstanceDiscovery());
            return b.build();
        }
        DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder();
        kv.authorityHost().ifPresent(host -> b.authorityHost(host.toString()));
        return b.build();
    }

    /** Who the vault will see, for error messages: never a secret. */
    static String principal(ConsentSettings.KeyVaultSettings kv) {
        if (kv.usesClientSecret()) {
            return "application " + kv.clientId().get() + " (tenant " + kv.tenantId().get()
                    + ", from partnerconsent.keyvault.client-id)";
        }
        return "this server's managed identity (DefaultAzureCredential: environment, workload or managed identity)";
    }
}
