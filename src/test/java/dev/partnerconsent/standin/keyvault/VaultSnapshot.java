package dev.partnerconsent.standin.keyvault;

import java.util.Map;
import java.util.Set;

/**
 * The whole vault at one moment, keyed by lower-cased name; value-comparable, so a test can assert that an operation
 * left the vault unchanged with {@code assertEquals(before, vault.snapshot())}.
 */
public record VaultSnapshot(Map<String, StoredSecret> secrets) {

    public VaultSnapshot {
        secrets = Map.copyOf(secrets);
    }

    public Set<String> keys() {
        return secrets.keySet();
    }
}
