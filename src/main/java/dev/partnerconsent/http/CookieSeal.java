package dev.partnerconsent.http;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.text.ParseException;
import java.util.Optional;

/**
 * The one cookie codec: claims sealed into a cookie value as a JWE with direct AES-256-GCM (encrypted and
 * authenticated, Nimbus), and opened again only if this key sealed them. Made by {@link CookieKeys}, one per purpose.
 */
public final class CookieSeal {

    private static final JWEHeader HEADER = new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM);

    private final SecretKey key;

    CookieSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(JWTClaimsSet claims) {
        EncryptedJWT jwt = new EncryptedJWT(HEADER, claims);
        try {
            jwt.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot seal a cookie", e);
        }
        return jwt.serialize();
    }

    /** The claims, if the value is a JWE of this kind that this key sealed and nobody altered; else empty. */
    public Optional<JWTClaimsSet> open(String sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            EncryptedJWT jwt = EncryptedJWT.parse(sealed);
            if (!JWEAlgorithm.DIR.equals(jwt.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwt.getHeader().getEncryptionMethod())) {
                return Optional.empty();
            }
            jwt.decrypt(new DirectDecrypter(key));
            return Optional.ofNullable(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "CookieSeal[dir A256GCM]";
    }
}
