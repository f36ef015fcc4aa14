package dev.partnerconsent.vault;

import java.time.Instant;
import java.util.Map;

/** Metadata of one version of a consent secret (never its value). */
public record StoredVersion(String secretName, String version, Instant createdOn, Instant updatedOn, boolean enabled,
                            Map<String, String> tags) {
}
