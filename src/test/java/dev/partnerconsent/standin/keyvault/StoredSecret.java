package dev.partnerconsent.standin.keyvault;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A secret with all its versions, oldest first, as seen directly in the emulator (no HTTP, no permissions).
 *
 * @param name the name as first spelled (names are case-insensitive)
 * @param deletedOn when it was soft-deleted, or null
 * @param scheduledPurgeDate when Key Vault would purge it, or null
 */
public record StoredSecret(String name, State state, List<SecretVersion> versions, Instant deletedOn,
        Instant scheduledPurgeDate) {

    public enum State {
        ACTIVE,
        /** Soft-deleted: can only be recovered or purged. */
        DELETED,
        /** Recovery started but not finished: reads answer 404, writes 409 {@code ObjectIsBeingRecovered}. */
        RECOVERING
    }

    public StoredSecret {
        versions = List.copyOf(versions);
    }

    /** The current version: the most recently created one, enabled or not. */
    public SecretVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<SecretVersion> version(String id) {
        return versions.stream().filter(v -> v.version().equals(id)).findFirst();
    }

    public List<String> values() {
        return versions.stream().map(SecretVersion::value).toList();
    }
}
