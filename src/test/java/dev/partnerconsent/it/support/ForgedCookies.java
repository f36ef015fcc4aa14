package dev.partnerconsent.it.support;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.standin.StandIns;

import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Random;

/**
 * Cookies an attacker can make: well-formed JWEs in the app's own format (dir, A256GCM) sealed with a key that is not
 * the one the app uses for that cookie — a random key, or the app's real cookie key where the operator session uses a
 * key derived from it — so they pass every shape check and fail only at decryption.
 */
public final class ForgedCookies {

    private ForgedCookies() {
    }

    /** A sign-in cookie for {@code state} with the app's claim names, sealed with {@code key}. */
    public static String signIn(String state, byte[] key) {
        Instant now = Instant.now();
        return seal(new JWTClaimsSet.Builder().claim("st", state).claim("n", "nonce-" + state).claim("cv", "v".repeat(43))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build(), key);
    }

    /** An operator session claiming the operator role, sealed with {@code key}. */
    public static String operatorSession(byte[] key) {
        return seal(new JWTClaimsSet.Builder().subject("attacker").claim("upn", "attacker@evil.example")
                .claim("tid", ItTenants.ALPHA).claim("role", "TOKEN_ISSUER").claim("csrf", "forged")
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build(), key);
    }

    public static byte[] randomKey(Random random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    /** The app's real cookie key (the stand-in setting), right for sign-in cookies, wrong for operator sessions. */
    public static byte[] appCookieKey() {
        return Base64.getDecoder().decode(StandIns.COOKIE_KEY);
    }

    /** Any claims sealed as the app seals its cookies (dir, A256GCM), with {@code key}. */
    public static String seal(JWTClaimsSet claims, byte[] key) {
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims);
        try {
            jwt.encrypt(new DirectEncrypter(new SecretKeySpec(key, "AES")));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
