package dev.partnerconsent.vault;

import java.time.Instant;
import java.util.Map;

/**
 * A consent secret as the vault's list shows it: its name, the tenant it belongs to and the current version's
 * attributes and tags. The list does not name the current version; {@link TokenVault#listVersions} does.
 */
public record ListedConsent(String secretName, String tenantId, Instant createdOn, Instant updatedOn, boolean enabled,
                            Map<String, String> tags) {

    public ListedConsent {
        tags = Map.copyOf(tags);
    }
}
