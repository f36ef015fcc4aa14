package dev.partnerconsent.it.support;

import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import dev.partnerconsent.standin.keyvault.VaultSnapshot;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What a run added to the vault, from two snapshots taken directly in the emulator (no HTTP, no faults). */
public final class VaultDiff {

    private VaultDiff() {
    }

    /** Every version of every secret, deleted ones included. */
    public static long versions(VaultSnapshot snapshot) {
        return snapshot.secrets().values().stream().mapToLong(s -> s.versions().size()).sum();
    }

    /** Versions of the secret {@code name} (the tenant id, after the prefix if one is set) that were not there before. */
    public static List<SecretVersion> added(VaultSnapshot before, VaultSnapshot after, String name) {
        StoredSecret was = before.secrets().get(name.toLowerCase());
        StoredSecret now = after.secrets().get(name.toLowerCase());
        Set<String> old = was == null ? Set.of()
                : was.versions().stream().map(SecretVersion::version).collect(Collectors.toSet());
        return now == null ? List.of() : now.versions().stream().filter(v -> !old.contains(v.version())).toList();
    }
}
