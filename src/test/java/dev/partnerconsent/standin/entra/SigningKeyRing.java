package dev.partnerconsent.standin.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The signing keys: one current key, older keys still published after a rotation (as Entra
 * overlaps them), and one key that is never published, for {@link IdTokenTamper#UNKNOWN_KID}.
 * One key set serves every tenant, as in Entra.
 */
final class SigningKeyRing {

    private final List<RSAKey> published = new ArrayList<>();
    private RSAKey current;
    private RSAKey unpublished;

    SigningKeyRing() {
        current = generate();
        published.add(current);
    }

    synchronized RSAKey current() {
        return current;
    }

    /** @return the new key id */
    synchronized String rotate(boolean keepPrevious) {
        RSAKey next = generate();
        if (!keepPrevious) {
            published.clear();
        }
        published.add(0, next);
        current = next;
        return next.getKeyID();
    }

    synchronized RSAKey unpublished() {
        if (unpublished == null) {
            unpublished = generate();
        }
        return unpublished;
    }

    synchronized JWKSet publicJwkSet() {
        return new JWKSet(List.copyOf(published)).toPublicJWKSet();
    }

    /** 2048-bit RSA with an Entra-looking key id: the base64url SHA-1 thumbprint. */
    private static RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            Base64URL thumbprint = key.computeThumbprint("SHA-1");
            return new RSAKey.Builder(key).keyID(thumbprint.toString()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
