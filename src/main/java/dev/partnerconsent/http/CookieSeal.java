package dev.partnerconsent.http;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import dev.partnerconsent.settings.ConsentSettings.CookieKey;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;

import javax.crypto.spec.SecretKeySpec;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * The one cookie codec: claims sealed into a cookie value as a JWE with direct AES-256-GCM (encrypted and
 * authenticated, Nimbus), and opened again only if this key sealed them. Made by {@link CookieKeys}, one per purpose.
 */
public final class CookieSeal {

    private final List<CookieKey> keys;

    /** @param keys newest first: the first seals, any opens the cookies whose header names it */
    CookieSeal(List<CookieKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key");
        }
        this.keys = List.copyOf(keys);
    }

    public String seal(JWTClaimsSet claims) {
        CookieKey newest = keys.get(0);
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(newest.id()).build(), claims);
        try {
            jwt.encrypt(new DirectEncrypter(new SecretKeySpec(newest.key(), "AES")));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot seal a cookie", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims, if the value is a JWE of this kind that a key of the ring sealed and nobody altered; else empty. The
     * header's {@code kid} picks the key; a value without one (sealed before keys had ids) is tried with each.
     */
    public Optional<JWTClaimsSet> open(String sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            EncryptedJWT parsed = EncryptedJWT.parse(sealed);
            JWEHeader header = parsed.getHeader();
            if (!JWEAlgorithm.DIR.equals(header.getAlgorithm()) || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
                return Optional.empty();
            }
            for (CookieKey k : keys) {
                if (header.getKeyID() != null && !header.getKeyID().equals(k.id())) {
                    continue;
                }
                EncryptedJWT jwt = EncryptedJWT.parse(sealed); // a failed decrypt leaves the object spent
                try {
                    jwt.decrypt(new DirectDecrypter(new SecretKeySpec(k.key(), "AES")));
                    return Optional.ofNullable(jwt.getJWTClaimsSet());
                } catch (JOSEException | IllegalStateException wrongKey) {
                    // the next key, if the value names none
                }
            }
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "CookieSeal[dir A256GCM]";
    }
}
