package dev.partnerconsent.standin.keyvault;

import java.time.Instant;
import java.util.Map;

/**
 * One version of a secret as the emulator holds it. Times are whole seconds, as the REST API carries them.
 *
 * @param version the 32-hex-digit version id
 * @param notBefore {@code nbf}, or null
 * @param expires {@code exp}, or null
 */
public record SecretVersion(String version, String value, String contentType, Map<String, String> tags,
        boolean enabled, Instant notBefore, Instant expires, Instant created, Instant updated) {

    public SecretVersion {
        tags = Map.copyOf(tags);
    }
}
