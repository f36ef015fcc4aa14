package dev.partnerconsent.standin.entra;

import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * What the local Entra knows of an app registration. Clients that are not registered are
 * accepted with any credentials (or none) and any redirect URI; a registered one is checked like
 * Entra checks it.
 *
 * @param secret         the client secret value, or null
 * @param certificateKey the public key of the registered certificate ({@code private_key_jwt}), or null
 * @param redirectUris   the registered reply URLs, compared exactly
 */
public record ClientRegistration(String clientId, String displayName, String secret, RSAPublicKey certificateKey,
                                 List<String> redirectUris) {

    public ClientRegistration {
        redirectUris = List.copyOf(redirectUris);
    }

    public static ClientRegistration of(String clientId) {
        return new ClientRegistration(clientId, "PartnerConsent", null, null, List.of());
    }

    public ClientRegistration withSecret(String value) {
        return new ClientRegistration(clientId, displayName, value, certificateKey, redirectUris);
    }

    public ClientRegistration withCertificateKey(RSAPublicKey key) {
        return new ClientRegistration(clientId, displayName, secret, key, redirectUris);
    }

    public ClientRegistration withRedirectUris(String... uris) {
        return new ClientRegistration(clientId, displayName, secret, certificateKey, List.of(uris));
    }

    public ClientRegistration named(String name) {
        return new ClientRegistration(clientId, name, secret, certificateKey, redirectUris);
    }

    boolean isConfidential() {
        return secret != null || certificateKey != null;
    }
}
