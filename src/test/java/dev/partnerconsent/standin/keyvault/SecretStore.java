package dev.partnerconsent.standin.keyvault;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The vault's state and Key Vault's rules for secrets: names, sizes, versions, soft delete, recovery. One lock guards
 * everything; the emulator serves tests, not throughput records.
 */
final class SecretStore {

    static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z-]{1,127}$");
    static final int MAX_VALUE_BYTES = 25 * 1024;
    static final int MAX_CONTENT_TYPE_LENGTH = 255;
    static final int MAX_TAGS = 15;
    static final int MAX_TAG_NAME_LENGTH = 512;
    static final int MAX_TAG_VALUE_LENGTH = 256;
    static final int RECOVERABLE_DAYS = 90;

    /** What a SET carries; null attributes mean Key Vault's defaults. */
    record SetRequest(String value, String contentType, Map<String, String> tags, Boolean enabled, Instant notBefore,
            Instant expires) {
    }

    /** What an UPDATE carries; null means "leave unchanged". */
    record UpdateRequest(String contentType, Map<String, String> tags, Boolean enabled, Instant notBefore,
            Instant expires) {
    }

    /** A secret together with the version an operation addressed. */
    record Hit(StoredSecret secret, SecretVersion version) {
    }

    private static final class Entry {
        final String name;
        final List<SecretVersion> versions = new ArrayList<>();
        Instant deletedOn;
        /** Until then a recovering secret is invisible to reads. */
        Instant visibleAt;
        /** Until then a recovering secret refuses writes with ObjectIsBeingRecovered. */
        Instant writableAt;

        Entry(String name) {
            this.name = name;
        }
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private Duration recoveryTime = LocalKeyVault.DEFAULT_RECOVERY_TIME;
    private Duration recoveryWriteLag = Duration.ZERO;

    SecretStore(Clock clock) {
        this.clock = clock;
    }

    synchronized void recoveryTime(Duration invisibleFor, Duration writesRefusedFor) {
        this.recoveryTime = invisibleFor;
        this.recoveryWriteLag = writesRefusedFor;
    }

    synchronized Hit set(String name, SetRequest request) {
        return set(name, request, now());
    }

    /** As a SET made at {@code at} (test set-up: versions written in the past). */
    synchronized Hit set(String name, SetRequest request, Instant at) {
        validateName(name);
        validateValue(request.value());
        validateContentType(request.contentType());
        validateTags(request.tags());
        Entry entry = entries.get(key(name));
        if (entry != null) {
            refuseWriteIfNotActive(entry);
        } else {
            entry = new Entry(name);
            entries.put(key(name), entry);
        }
        SecretVersion version = new SecretVersion(UUID.randomUUID().toString().replace("-", ""), request.value(),
                request.contentType(), request.tags() == null ? Map.of() : request.tags(),
                request.enabled() == null || request.enabled(), request.notBefore(), request.expires(), at, at);
        entry.versions.add(version);
        return new Hit(view(entry), version);
    }

    /** GET: {@code version} empty means the latest version. */
    synchronized Hit get(String name, String version) {
        validateName(name);
        Entry entry = readable(name, version);
        SecretVersion found = find(entry, name, version);
        if (!found.enabled()) {
            throw VaultError.disabled("get");
        }
        return new Hit(view(entry), found);
    }

    synchronized Hit update(String name, String version, UpdateRequest request) {
        validateName(name);
        validateContentType(request.contentType());
        validateTags(request.tags());
        Entry entry = readable(name, version);
        refuseWhileRecovering(entry);
        SecretVersion old = find(entry, name, version);
        SecretVersion updated = new SecretVersion(old.version(), old.value(),
                request.contentType() != null ? request.contentType() : old.contentType(),
                request.tags() != null ? request.tags() : old.tags(),
                request.enabled() != null ? request.enabled() : old.enabled(),
                request.notBefore() != null ? request.notBefore() : old.notBefore(),
                request.expires() != null ? request.expires() : old.expires(),
                old.created(), now());
        entry.versions.set(entry.versions.indexOf(old), updated);
        return new Hit(view(entry), updated);
    }

    /** The secrets a LIST shows: active ones, sorted by name, each with its latest version. */
    synchronized List<Hit> list() {
        return entries.values().stream()
                .filter(e -> e.deletedOn == null && isVisible(e))
                .sorted(Comparator.comparing(e -> key(e.name)))
                .map(e -> new Hit(view(e), e.versions.get(e.versions.size() - 1)))
                .toList();
    }

    /** LIST VERSIONS: an unknown name yields an empty list, as Key Vault answers. */
    synchronized List<Hit> versions(String name) {
        validateName(name);
        Entry entry = entries.get(key(name));
        if (entry == null || entry.deletedOn != null || !isVisible(entry)) {
            return List.of();
        }
        StoredSecret view = view(entry);
        return entry.versions.stream().map(v -> new Hit(view, v)).toList();
    }

    synchronized StoredSecret delete(String name) {
        validateName(name);
        Entry entry = entries.get(key(name));
        if (entry == null || entry.deletedOn != null) {
            throw VaultError.secretNotFound(name);
        }
        refuseWhileRecovering(entry);
        entry.deletedOn = now();
        return view(entry);
    }

    synchronized StoredSecret getDeleted(String name) {
        validateName(name);
        return view(deleted(name));
    }

    synchronized List<StoredSecret> listDeleted() {
        return entries.values().stream()
                .filter(e -> e.deletedOn != null)
                .sorted(Comparator.comparing(e -> key(e.name)))
                .map(this::view)
                .toList();
    }

    /** Starts an asynchronous recovery, as Azure does: see {@link StoredSecret.State#RECOVERING}. */
    synchronized Hit recover(String name) {
        validateName(name);
        Entry entry = deleted(name);
        Instant now = clock.instant();
        entry.deletedOn = null;
        entry.visibleAt = now.plus(recoveryTime);
        entry.writableAt = entry.visibleAt.plus(recoveryWriteLag);
        return new Hit(view(entry), entry.versions.get(entry.versions.size() - 1));
    }

    synchronized void purge(String name) {
        validateName(name);
        deleted(name);
        entries.remove(key(name));
    }

    synchronized Optional<StoredSecret> secret(String name) {
        Entry entry = entries.get(key(name));
        return entry == null ? Optional.empty() : Optional.of(view(entry));
    }

    synchronized List<String> names() {
        return entries.values().stream()
                .filter(e -> e.deletedOn == null)
                .map(e -> e.name)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    synchronized VaultSnapshot snapshot() {
        Map<String, StoredSecret> all = new TreeMap<>();
        entries.forEach((key, entry) -> all.put(key, view(entry)));
        return new VaultSnapshot(all);
    }

    synchronized void clear() {
        entries.clear();
    }

    static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw VaultError.invalidName(name == null ? "" : name);
        }
    }

    private static void validateValue(String value) {
        if (value == null) {
            throw VaultError.badParameter("The parameter value is required.");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VALUE_BYTES) {
            throw VaultError.badParameter("The secret value is " + bytes + " bytes; Key Vault accepts at most "
                    + MAX_VALUE_BYTES + " bytes (25 KB).");
        }
    }

    private static void validateContentType(String contentType) {
        if (contentType != null && contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw VaultError.badParameter("The content type is " + contentType.length()
                    + " characters long; Key Vault accepts at most " + MAX_CONTENT_TYPE_LENGTH + ".");
        }
    }

    private static void validateTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            throw VaultError.badParameter("At most " + MAX_TAGS + " tags are allowed; got " + tags.size() + ".");
        }
        tags.forEach((name, value) -> {
            if (name.isEmpty() || name.length() > MAX_TAG_NAME_LENGTH || value.length() > MAX_TAG_VALUE_LENGTH) {
                throw VaultError.badParameter("Tag '" + name + "' is invalid: names take 1 to " + MAX_TAG_NAME_LENGTH
                        + " characters, values at most " + MAX_TAG_VALUE_LENGTH + ".");
            }
        });
    }

    private void refuseWriteIfNotActive(Entry entry) {
        if (entry.deletedOn != null) {
            throw VaultError.deletedButRecoverable(entry.name);
        }
        refuseWhileRecovering(entry);
    }

    private void refuseWhileRecovering(Entry entry) {
        if (entry.writableAt != null && clock.instant().isBefore(entry.writableAt)) {
            throw VaultError.beingRecovered(entry.name);
        }
    }

    /** A recovering secret is not found by reads until recovery finishes, which is what the SDK's poller waits on. */
    private Entry readable(String name, String version) {
        Entry entry = entries.get(key(name));
        if (entry == null || entry.deletedOn != null || !isVisible(entry)) {
            throw VaultError.secretNotFound(version.isEmpty() ? name : name + "/" + version);
        }
        return entry;
    }

    private static SecretVersion find(Entry entry, String name, String version) {
        if (version.isEmpty()) {
            return entry.versions.get(entry.versions.size() - 1);
        }
        return entry.versions.stream()
                .filter(v -> v.version().equalsIgnoreCase(version))
                .findFirst()
                .orElseThrow(() -> VaultError.secretNotFound(name + "/" + version));
    }

    private Entry deleted(String name) {
        Entry entry = entries.get(key(name));
        if (entry == null || entry.deletedOn == null) {
            throw VaultError.deletedSecretNotFound();
        }
        return entry;
    }

    private boolean isVisible(Entry entry) {
        return entry.visibleAt == null || !clock.instant().isBefore(entry.visibleAt);
    }

    private StoredSecret view(Entry entry) {
        StoredSecret.State state;
        if (entry.deletedOn != null) {
            state = StoredSecret.State.DELETED;
        } else if (entry.writableAt != null && clock.instant().isBefore(entry.writableAt)) {
            state = StoredSecret.State.RECOVERING;
        } else {
            state = StoredSecret.State.ACTIVE;
        }
        Instant purgeOn = entry.deletedOn == null ? null : entry.deletedOn.plus(RECOVERABLE_DAYS, ChronoUnit.DAYS);
        return new StoredSecret(entry.name, state, entry.versions, entry.deletedOn, purgeOn);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
