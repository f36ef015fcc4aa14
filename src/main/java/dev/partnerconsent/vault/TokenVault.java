package dev.partnerconsent.vault;

import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.http.rest.PagedResponse;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    private final TenantLocks locks;
    private final Clock clock;
    private volatile SecretClient client;

    @Inject
    public TokenVault(Settings settings, ConsentMetrics metrics, TenantLocks locks, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.locks = locks;
        this.clock = clock;
    }

    protected TokenVault() {
        this.settings = null;
        this.metrics = null;
        this.locks = null;
        this.clock = null;
    }

    /**
     * Writes the refresh token as a new version of {@code <prefix><tenantId>}, with the consent's metadata as tags.
     * A name left soft-deleted (by an earlier clean-up) is recovered first, as Key Vault requires. Waits for a rotation
     * of the same tenant in progress, so that the rotation cannot retire this consent's version.
     */
    public StoredConsent store(ConsentRecord record, RefreshToken refreshToken) throws FailureException {
        return locks.exclusively(record.tenantId(), () -> write(record, refreshToken));
    }

    private StoredConsent write(ConsentRecord record, RefreshToken refreshToken) throws FailureException {
        SecretName name = nameFor(record.tenant());
        refuseForeign(name);
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
        Instant at = Optional.ofNullable(p.getCreatedOn()).map(OffsetDateTime::toInstant).orElse(clock.instant());
        LOG.info(() -> "Stored consent of tenant " + record.tenantId() + " as " + name + " version " + p.getVersion());
        return new StoredConsent(name.value(), p.getVersion(), at);
    }

    /**
     * Refuses to add a version to a secret another tool owns: its newest version carries another content type. A
     * disabled newest version cannot be read (its content type neither); a new consent is how such a consent is mended,
     * so it does not stop the write.
     */
    private void refuseForeign(SecretName name) throws FailureException {
        try {
            requireConsent(name, client().getSecret(name.value()).getProperties());
        } catch (RuntimeException e) {
            if (!VaultErrors.isStatus(e, 404) && !VaultErrors.isDisabledVersion(e)) {
                throw failure(e, "get", name);
            }
        }
    }

    /** Only a secret whose newest version has the consent content type is read, tagged, rotated or handed out. */
    private static void requireConsent(SecretName name, SecretProperties p) throws FailureException {
        if (!ConsentTags.CONTENT_TYPE.equals(p.getContentType())) {
            throw new FailureException(FailureCode.SECRET_NOT_CONSENT, "Key Vault secret " + name + " has content type '"
                    + Optional.ofNullable(p.getContentType()).map(ConsentTags::fit).orElse("(none)") + "', not "
                    + ConsentTags.CONTENT_TYPE + ": PartnerConsent did not write it and will not read, change or overwrite it.");
        }
    }

    /**
     * The current version's metadata, if the tenant has a stored consent whose newest version is enabled. Asked of Key Vault directly: creation
     * times have one-second precision, so two consents in the same second cannot be ordered by them. The value
     * comes along with the answer and is dropped here.
     */
    public Optional<StoredVersion> latest(TenantId tenant) throws FailureException {
        SecretName name = nameFor(tenant);
        try {
            return Optional.of(toVersion(client().getSecret(name.value()).getProperties()));
        } catch (RuntimeException e) {
            // a disabled newest version is no current consent: a new consent is how it is mended, so it must not fail here
            if (VaultErrors.isStatus(e, 404) || VaultErrors.isDisabledVersion(e)) {
                return Optional.empty();
            }
            throw failure(e, "get", name);
        }
    }

    /** Every version's metadata, oldest first (the current version last among those created in the same second). */
    public List<StoredVersion> versions(TenantId tenant) throws FailureException {
        SecretName name = nameFor(tenant);
        Optional<String> current = latest(tenant).map(StoredVersion::version);
        try {
            List<StoredVersion> versions = new ArrayList<>();
            for (SecretProperties p : client().listPropertiesOfSecretVersions(name.value())) {
                if (ConsentTags.CONTENT_TYPE.equals(p.getContentType())) {
                    versions.add(toVersion(p));
                }
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

    // ---------------------------------------------------------------- lifecycle (keep-alive, inventory, token use)

    /**
     * The refresh token the tenant's secret holds now, with its version and tags; empty when the tenant has no stored
     * consent. For the code that redeems it: never hand the result to a page or a log.
     */
    public Optional<CurrentToken> current(TenantId tenant) throws FailureException {
        SecretName name = nameFor(tenant);
        try {
            KeyVaultSecret secret = client().getSecret(name.value());
            SecretProperties p = secret.getProperties();
            requireConsent(name, p);
            return Optional.of(new CurrentToken(tenant, name.value(), p.getVersion(), new RefreshToken(secret.getValue()),
                    p.getTags() == null ? Map.of() : p.getTags()));
        } catch (RuntimeException e) {
            if (VaultErrors.isStatus(e, 404)) {
                return Optional.empty();
            }
            throw failure(e, "get", name);
        }
    }

    /**
     * Stores the refresh token a redemption of {@code previous} returned, as a new version carrying the previous
     * version's tags with {@code changes} applied (a {@code null} value removes a tag).
     */
    public StoredConsent storeRotated(CurrentToken previous, RefreshToken rotated, Map<String, String> changes)
            throws FailureException {
        SecretName name = nameFor(previous.tenantId());
        KeyVaultSecret secret = new KeyVaultSecret(name.value(), rotated.getValue());
        secret.getProperties().setContentType(ConsentTags.CONTENT_TYPE).setTags(merge(previous.tags(), changes));
        try {
            SecretProperties p = client().setSecret(secret).getProperties();
            Instant at = Optional.ofNullable(p.getCreatedOn()).map(OffsetDateTime::toInstant).orElse(clock.instant());
            return new StoredConsent(name.value(), p.getVersion(), at);
        } catch (RuntimeException e) {
            throw failure(e, "set", name);
        }
    }

    /** Changes tags of one version (a {@code null} value removes a tag), keeping the others; the value is untouched. */
    public void retag(CurrentToken version, Map<String, String> changes) throws FailureException {
        SecretName name = nameFor(version.tenantId());
        SecretProperties p = propertiesOf(name, version.version())
                .setContentType(ConsentTags.CONTENT_TYPE)
                .setTags(merge(version.tags(), changes));
        try {
            client().updateSecretProperties(p);
        } catch (RuntimeException e) {
            throw failure(e, "update", name);
        }
    }

    /** Disables one version: it stays for audit, but nothing can read its value any more. */
    public void disable(TenantId tenant, String version) throws FailureException {
        SecretName name = nameFor(tenant);
        try {
            client().updateSecretProperties(propertiesOf(name, version).setEnabled(false));
        } catch (RuntimeException e) {
            throw failure(e, "update", name);
        }
    }

    /**
     * Every consent version's metadata in Key Vault's order, without asking for the current one (cheaper than
     * {@link #versions(String)}). {@code beforeEachPage} runs before each further page is fetched, so a caller can
     * pace its Key Vault calls (it runs before the first request too).
     */
    public List<StoredVersion> listVersions(TenantId tenant, Runnable beforeEachPage) throws FailureException {
        return listVersions(nameFor(tenant), beforeEachPage);
    }

    /**
     * The consent versions of a secret as listed (its name is the listing's, whatever its tags say): versions of another
     * content type are left out, so nothing here can tag or disable them.
     */
    public List<StoredVersion> listVersions(SecretName name, Runnable beforeEachPage) throws FailureException {
        try {
            List<StoredVersion> versions = new ArrayList<>();
            Iterator<PagedResponse<SecretProperties>> pages =
                    client().listPropertiesOfSecretVersions(name.value()).iterableByPage().iterator();
            beforeEachPage.run();
            while (pages.hasNext()) {
                PagedResponse<SecretProperties> page = pages.next();
                page.getValue().stream().filter(p -> ConsentTags.CONTENT_TYPE.equals(p.getContentType()))
                        .forEach(p -> versions.add(toVersion(p)));
                if (page.getContinuationToken() != null) {
                    beforeEachPage.run();
                }
            }
            return versions;
        } catch (RuntimeException e) {
            if (VaultErrors.isStatus(e, 404)) {
                return List.of();
            }
            throw failure(e, "list versions of", name);
        }
    }

    /**
     * One page of the vault's secrets that are PartnerConsent consents (by content type, and named exactly
     * {@code <prefix><tenant id>}), as Key
     * Vault pages them (25 a page): metadata only, never a value. {@code cursor} is empty for the first page, else a
     * {@link ConsentPage#next()} value; a cursor that is not one this vault handed out is refused.
     */
    public ConsentPage page(Optional<String> cursor) throws FailureException {
        String vaultUrl = vaultUrl();
        String continuation = cursor.isPresent() ? decodeCursor(cursor.get(), vaultUrl) : null;
        String prefix = settings.get().keyVault().secretPrefix();
        try {
            Iterator<PagedResponse<SecretProperties>> pages = (continuation == null
                    ? client().listPropertiesOfSecrets().iterableByPage()
                    : client().listPropertiesOfSecrets().iterableByPage(continuation)).iterator();
            if (!pages.hasNext()) {
                return new ConsentPage(List.of(), Optional.empty());
            }
            PagedResponse<SecretProperties> page = pages.next();
            List<ListedConsent> consents = new ArrayList<>();
            for (SecretProperties p : page.getValue()) {
                Optional<TenantId> tenant = SecretName.tenantIn(prefix, p.getName());
                if (ConsentTags.CONTENT_TYPE.equals(p.getContentType()) && tenant.isPresent()) {
                    // the name says whose consent it is: a tag is only what the last writer claimed
                    consents.add(new ListedConsent(p.getName(), tenant.get().value(), instant(p.getCreatedOn()),
                            instant(p.getUpdatedOn()), Boolean.TRUE.equals(p.isEnabled()),
                            p.getTags() == null ? Map.of() : p.getTags()));
                }
            }
            Optional<String> next = Optional.ofNullable(page.getContinuationToken()).filter(t -> !t.isBlank())
                    .map(TokenVault::encodeCursor);
            return new ConsentPage(consents, next);
        } catch (RuntimeException e) {
            throw new FailureException(VaultErrors.translate(e, "list secrets", vaultUrl,
                    VaultClientFactory.principal(settings.get().keyVault())));
        }
    }

    private String vaultUrl() {
        return settings.get().keyVault().url().map(Object::toString).orElse("(not set)");
    }

    /** The continuation token is Key Vault's nextLink: wrapped so that clients treat it as opaque. */
    private static String encodeCursor(String continuation) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(continuation.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A cursor must lead back to this vault's secret list: the SDK sends its bearer token to whatever URL the
     * continuation names, so a forged one could otherwise carry it elsewhere.
     */
    private static String decodeCursor(String cursor, String vaultUrl) throws FailureException {
        String base = vaultUrl.endsWith("/") ? vaultUrl.substring(0, vaultUrl.length() - 1) : vaultUrl;
        try {
            String link = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (link.startsWith(base + "/secrets?") && link.chars().noneMatch(ch -> ch < 0x21 || ch > 0x7e)) {
                return link;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new FailureException(FailureCode.PAGE_CURSOR_INVALID,
                "The page cursor is not one this server handed out; start again from the first page.");
    }

    private SecretProperties propertiesOf(SecretName name, String version) {
        String id = vaultUrl().replaceAll("/+$", "") + "/secrets/" + name.value() + "/" + version;
        try (JsonReader reader = JsonProviders.createReader("{\"id\":\"" + id + "\"}")) {
            return SecretProperties.fromJson(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> merge(Map<String, String> tags, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(tags);
        changes.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, ConsentTags.fit(v));
            }
        });
        return merged;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? Instant.EPOCH : t.toInstant();
    }

    public SecretName nameFor(TenantId tenant) throws FailureException {
        return SecretName.of(settings.get().keyVault().secretPrefix(), tenant);
    }

    private KeyVaultSecret recoverThenSet(SecretName name, KeyVaultSecret secret) throws FailureException {
        LOG.info(() -> "Secret " + name + " is soft-deleted; recovering it before writing the new version");
        try {
            SyncPoller<?, ?> poller = client().beginRecoverDeletedSecret(name.value());
            poller.waitForCompletion(RECOVERY_WAIT);
        } catch (RuntimeException e) {
            throw failure(e, "recover", name);
        }
        refuseForeign(name); // what came back may be another tool's secret
        Instant deadline = clock.instant().plus(RECOVERY_WAIT);
        long pause = 200;
        while (true) {
            try {
                return client().setSecret(secret);
            } catch (RuntimeException e) {
                // Key Vault answers 409 ObjectIsBeingRecovered until the recovery has finished
                if (!VaultErrors.isStatus(e, 409) || clock.instant().isAfter(deadline)) {
                    throw failure(e, "set", name);
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new FailureException(Failure.of(FailureCode.KEYVAULT_409, 503,
                        "Interrupted while waiting for " + name + " to be recovered."));
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
