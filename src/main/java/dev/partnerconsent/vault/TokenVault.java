package dev.partnerconsent.vault;

import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The only class that talks to Key Vault. Stores each consent's refresh token as a new version of the secret
 * named after the tenant, and reads back metadata (never values) for the pages.
 */
@ApplicationScoped
public class TokenVault {

    private static final Logger LOG = Logger.getLogger(TokenVault.class.getName());
    static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);

    private final Settings settings;
    private final ConsentMetrics metrics;
    private volatile SecretClient client;

    @Inject
    public TokenVault(Settings settings, ConsentMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    protected TokenVault() {
        this.settings = null;
        this.metrics = null;
    }

    /**
     * Writes the refresh token as a new version of {@code <prefix><tenantId>}, with the consent's metadata as tags.
     * A name left soft-deleted (by an earlier clean-up) is recovered first, as Key Vault requires.
     */
    public StoredConsent store(ConsentRecord record, RefreshToken refreshToken) throws FailureException {
        SecretName name = nameFor(record.tenantId());
        KeyVaultSecret secret = new KeyVaultSecret(name.value(), refreshToken.getValue());
        secret.getProperties().setContentType(ConsentTags.CONTENT_TYPE).setTags(ConsentTags.of(record));
        KeyVaultSecret written;
        long started = System.nanoTime();
        try {
            written = client().setSecret(secret);
        } catch (ResourceModifiedException e) {
            if (!VaultErrors.isStatus(e, 409)) {
                throw failure(e, "set", name);
            }
            written = recoverThenSet(name, secret);
        } catch (RuntimeException e) {
            throw failure(e, "set", name);
        } finally {
            metrics.keyVaultCall(Duration.ofNanos(System.nanoTime() - started));
        }
        SecretProperties p = written.getProperties();
        Instant at = Optional.ofNullable(p.getCreatedOn()).map(OffsetDateTime::toInstant).orElse(Instant.now());
        LOG.info(() -> "Stored consent of tenant " + record.tenantId() + " as " + name + " version " + p.getVersion());
        return new StoredConsent(name.value(), p.getVersion(), at);
    }

    /**
     * The current version's metadata, if the tenant has a stored consent. Asked of Key Vault directly: creation
     * times have one-second precision, so two consents in the same second cannot be ordered by them. The value
     * comes along with the answer and is dropped here.
     */
    public Optional<StoredVersion> latest(String tenantId) throws FailureException {
        SecretName name = nameFor(tenantId);
        try {
            return Optional.of(toVersion(client().getSecret(name.value()).getProperties()));
        } catch (RuntimeException e) {
            if (VaultErrors.isStatus(e, 404)) {
                return Optional.empty();
            }
            throw failure(e, "get", name);
        }
    }

    /** Every version's metadata, oldest first (the current version last among those created in the same second). */
    public List<StoredVersion> versions(String tenantId) throws FailureException {
        SecretName name = nameFor(tenantId);
        Optional<String> current = latest(tenantId).map(StoredVersion::version);
        try {
            List<StoredVersion> versions = new ArrayList<>();
            for (SecretProperties p : client().listPropertiesOfSecretVersions(name.value())) {
                versions.add(toVersion(p));
            }
            versions.sort(Comparator.comparing(StoredVersion::createdOn)
                    .thenComparing(v -> current.filter(v.version()::equals).isPresent()));
            return versions;
        } catch (RuntimeException e) {
            if (VaultErrors.isStatus(e, 404)) {
                return List.of();
            }
            throw failure(e, "list", name);
        }
    }

    /**
     * Checks, without writing anything, that the vault answers, a token is obtained, listing is allowed, and reading
     * a missing name answers 404 (not 403: a principal without {@code get} could not read the consents back).
     */
    public Optional<dev.partnerconsent.diagnostics.Failure> probe() {
        ConsentSettings.KeyVaultSettings kv = settings.get().keyVault();
        if (kv.url().isEmpty()) {
            return Optional.empty(); // the settings check reports it
        }
        String vault = kv.url().get().toString();
        String principal = VaultClientFactory.principal(kv);
        try {
            client().listPropertiesOfSecrets().iterableByPage(1).iterator().hasNext();
        } catch (RuntimeException e) {
            return Optional.of(VaultErrors.translate(e, "list secrets", vault, principal));
        }
        try {
            client().getSecret("partnerconsent-probe-" + java.util.UUID.randomUUID());
            return Optional.empty();
        } catch (RuntimeException e) {
            return VaultErrors.isStatus(e, 404) ? Optional.empty()
                    : Optional.of(VaultErrors.translate(e, "get secret", vault, principal));
        }
    }

    public SecretName nameFor(String tenantId) throws FailureException {
        return SecretName.of(settings.get().keyVault().secretPrefix(), tenantId);
    }

    private KeyVaultSecret recoverThenSet(SecretName name, KeyVaultSecret secret) throws FailureException {
        LOG.info(() -> "Secret " + name + " is soft-deleted; recovering it before writing the new version");
        try {
            SyncPoller<?, ?> poller = client().beginRecoverDeletedSecret(name.value());
            poller.waitForCompletion(RECOVERY_WAIT);
        } catch (RuntimeException e) {
            throw failure(e, "recover", name);
        }
        Instant deadline = Instant.now().plus(RECOVERY_WAIT);
        long pause = 200;
        while (true) {
            try {
                return client().setSecret(secret);
            } catch (RuntimeException e) {
                // Key Vault answers 409 ObjectIsBeingRecovered until the recovery has finished
                if (!VaultErrors.isStatus(e, 409) || Instant.now().isAfter(deadline)) {
                    throw failure(e, "set", name);
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new FailureException("keyvault-409", 503, "Interrupted while waiting for " + name + " to be recovered.");
            }
            pause = Math.min(pause * 2, 5_000);
        }
    }

    private static StoredVersion toVersion(SecretProperties p) {
        return new StoredVersion(p.getName(), p.getVersion(),
                Optional.ofNullable(p.getCreatedOn()).map(OffsetDateTime::toInstant).orElse(Instant.EPOCH),
                Optional.ofNullable(p.getUpdatedOn()).map(OffsetDateTime::toInstant).orElse(Instant.EPOCH),
                Boolean.TRUE.equals(p.isEnabled()),
                p.getTags() == null ? Map.of() : Map.copyOf(p.getTags()));
    }

    private FailureException failure(RuntimeException e, String operation, SecretName name) {
        ConsentSettings.KeyVaultSettings kv = settings.get().keyVault();
        return new FailureException(VaultErrors.translate(e, operation + " secret " + name,
                kv.url().map(Object::toString).orElse("(not set)"), VaultClientFactory.principal(kv)));
    }

    private SecretClient client() {
        SecretClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = VaultClientFactory.create(settings.get().keyVault());
                    client = current;
                }
            }
        }
        return current;
    }
}
