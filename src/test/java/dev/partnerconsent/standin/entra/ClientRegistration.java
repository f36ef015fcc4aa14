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
 * @param pkceOptional   true lets this client's sign-ins go without PKCE, as real Entra allows confidential web apps
 *                       (the stand-in requires it by default); for clients that cannot send it, such as the benchmark's
 *                       Jakarta Security baseline
 * @param directoryRoleClaims true when the manifest's {@code groupMembershipClaims} is {@code DirectoryRole}: ID tokens
 *                       then carry the user's directory roles as {@code wids}
 */
public record ClientRegistration(String clientId, String displayName, String secret, RSAPublicKey certificateKey,
                                 List<String> redirectUris, boolean pkceOptional, boolean directoryRoleClaims) {

    public ClientRegistration {
        redirectUris = List.copyOf(redirectUris);
    }

    public ClientRegistration(String clientId, String displayName, String secret, RSAPublicKey certificateKey,
                              List<String> redirectUris) {
        this(clientId, displayName, secret, certificateKey, redirectUris, false, false);
    }

    public static ClientRegistration of(String clientId) {
        return new ClientRegistration(clientId, "PartnerConsent", null, null, List.of());
    }

    /** Sign-ins of this client may omit PKCE (a confidential client, as Entra allows); when sent, it is still checked. */
    public ClientRegistration withPkceOptional() {
        return new ClientRegistration(clientId, displayName, secret, certificateKey, redirectUris, true, directoryRoleClaims);
    }

    /** The manifest's {@code "groupMembershipClaims": "DirectoryRole"}: ID tokens list the user's directory roles in {@code wids}. */
    public ClientRegistration withDirectoryRoleClaims() {
        return new ClientRegistration(clientId, displayName, secret, certificateKey, redirectUris, pkceOptional, true);
    }

    public ClientRegistration withSecret(String value) {
        return new ClientRegistration(clientId, displayName, value, certificateKey, redirectUris, pkceOptional, directoryRoleClaims);
    }

    public ClientRegistration withCertificateKey(RSAPublicKey key) {
        return new ClientRegistration(clientId, displayName, secret, key, redirectUris, pkceOptional, directoryRoleClaims);
    }

    public ClientRegistration withRedirectUris(String... uris) {
        return new ClientRegistration(clientId, displayName, secret, certificateKey, List.of(uris), pkceOptional, directoryRoleClaims);
    }

    public ClientRegistration named(String name) {
        return new ClientRegistration(clientId, name, secret, certificateKey, redirectUris, pkceOptional, directoryRoleClaims);
    }

    boolean isConfidential() {
        return secret != null || certificateKey != null;
    }
}
