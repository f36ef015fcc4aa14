package dev.partnerconsent.signin;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.AESEncrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.CookieKeys;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignInCookieTest {

    private static final String KEY_A = "q2lO0x8dW3m5rJ4u7Hk9s1VbN6cE0fTzYpAaQwErTyU=";
    private static final String KEY_B = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=";

    private static SignInCookie cookie(String key) {
        Settings settings = MapConfig.settings(key == null ? Map.of() : Map.of("partnerconsent.cookie-key", key));
        return new SignInCookie(new CookieKeys(settings), new ConsumedSignIns(), Clock.systemUTC());
    }

    private static String code(FailureException e) {
        return e.failure().code();
    }

    @Test
    void sealsAndOpensOnceWithoutRevealingItsContent() throws Exception {
        SignInCookie c = cookie(KEY_A);
        PendingSignIn pending = PendingSignIn.start(Instant.now());
        String sealed = c.seal(pending);
        assertFalse(sealed.contains(pending.codeVerifier().getValue()));
        assertFalse(sealed.contains(pending.nonce().getValue()));
        assertEquals(5, sealed.split("\\.", -1).length, "a compact JWE has five parts");

        PendingSignIn opened = c.open(sealed, pending.state().getValue());
        assertEquals(pending.state(), opened.state());
        assertEquals(pending.nonce(), opened.nonce());
        assertEquals(pending.codeVerifier().getValue(), opened.codeVerifier().getValue());

        FailureException replay = assertThrows(FailureException.class, () -> c.open(sealed, pending.state().getValue()));
        assertEquals("state-replayed", code(replay));
    }

    @Test
    void twoSignInsInTwoTabsKeepTwoCookies() throws Exception {
        SignInCookie c = cookie(KEY_A);
        PendingSignIn one = PendingSignIn.start(Instant.now());
        PendingSignIn two = PendingSignIn.start(Instant.now());
        assertNotEquals(SignInCookie.nameFor(one.state()), SignInCookie.nameFor(two.state()));
        String sealedOne = c.seal(one);
        String sealedTwo = c.seal(two);
        assertEquals(two.nonce(), c.open(sealedTwo, two.state().getValue()).nonce());
        assertEquals(one.nonce(), c.open(sealedOne, one.state().getValue()).nonce());
    }

    @Test
    void refusesMismatchedStateExpiredForgedAndForeignCookies() {
        SignInCookie c = cookie(KEY_A);
        PendingSignIn pending = PendingSignIn.start(Instant.now());
        String sealed = c.seal(pending);

        assertEquals("state-mismatch", code(assertThrows(FailureException.class, () -> c.open(sealed, "x" + pending.state().getValue()))));

        PendingSignIn old = PendingSignIn.start(Instant.now().minus(SignInCookie.LIFETIME).minus(Duration.ofSeconds(5)));
        assertEquals("state-expired", code(assertThrows(FailureException.class, () -> c.open(c.seal(old), old.state().getValue()))));

        char[] chars = sealed.toCharArray();
        int i = sealed.lastIndexOf('.') - 3;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        assertEquals("state-cookie-invalid", code(assertThrows(FailureException.class,
                () -> c.open(new String(chars), pending.state().getValue()))));
        assertEquals("state-cookie-invalid", code(assertThrows(FailureException.class,
                () -> c.open(sealed.substring(0, sealed.length() / 2), pending.state().getValue()))));
        assertEquals("state-cookie-invalid", code(assertThrows(FailureException.class,
                () -> cookie(KEY_B).open(sealed, pending.state().getValue()))));
        assertEquals("state-cookie-missing", code(assertThrows(FailureException.class,
                () -> c.open(List.of(), pending.state().getValue()))));
    }

    @Test
    void nodesSharingTheKeyOpenEachOthersCookies() throws Exception {
        PendingSignIn pending = PendingSignIn.start(Instant.now());
        String sealedOnA = cookie(KEY_A).seal(pending);
        assertEquals(pending.nonce(), cookie(KEY_A).open(sealedOnA, pending.state().getValue()).nonce());
    }

    @Test
    void generatedKeyWorksWithinTheProcess() throws Exception {
        SignInCookie c = cookie(null);
        PendingSignIn pending = PendingSignIn.start(Instant.now());
        assertEquals(pending.nonce(), c.open(c.seal(pending), pending.state().getValue()).nonce());
        assertTrue(SignInCookie.plausibleState(pending.state().getValue()));
        assertFalse(SignInCookie.plausibleState("../../etc"));
    }

    /** A cookie sealed with the right key but built wrong: each way is refused with its code and detail. */
    private static String sealedWith(JWEAlgorithm alg, EncryptionMethod enc, JWTClaimsSet claims) throws Exception {
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(alg, enc), claims);
        SecretKeySpec key = new SecretKeySpec(Base64.getDecoder().decode(KEY_A), "AES");
        jwt.encrypt(alg == JWEAlgorithm.DIR ? new DirectEncrypter(key) : new AESEncrypter(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(String state) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().claim("st", state).claim("n", "nonce-value").claim("cv", "v".repeat(43))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(SignInCookie.LIFETIME)));
    }

    private static FailureException refused(String sealed, String state) {
        return assertThrows(FailureException.class, () -> cookie(KEY_A).open(sealed, state));
    }

    @Test
    void eachWayACookieIsBuiltWrongIsNamed() throws Exception {
        String state = PendingSignIn.start(Instant.now()).state().getValue();
        cookie(KEY_A).open(sealedWith(JWEAlgorithm.DIR, EncryptionMethod.A256GCM, claims(state).build()), state);

        FailureException wrongEnc = refused(sealedWith(JWEAlgorithm.DIR, EncryptionMethod.A128CBC_HS256, claims(state).build()), state);
        assertEquals("state-cookie-invalid", code(wrongEnc), "the same key opens A128CBC-HS256 too: only the header check refuses it");
        assertTrue(wrongEnc.failure().detail().contains("could not be opened"), wrongEnc.failure().detail());
        FailureException wrongAlg = refused(sealedWith(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM, claims(state).build()), state);
        assertEquals("state-cookie-invalid", code(wrongAlg));
        assertTrue(wrongAlg.failure().detail().contains("could not be opened"), wrongAlg.failure().detail());

        for (String claim : List.of("st", "n", "cv")) {
            FailureException missing = refused(sealedWith(JWEAlgorithm.DIR, EncryptionMethod.A256GCM,
                    claims(state).claim(claim, null).build()), state);
            assertEquals("state-cookie-invalid", code(missing), claim);
            assertEquals("The sign-in cookie is incomplete.", missing.failure().detail(), claim);
        }
        FailureException malformed = refused(sealedWith(JWEAlgorithm.DIR, EncryptionMethod.A256GCM,
                claims(state).claim("cv", 42).build()), state);
        assertEquals("state-cookie-invalid", code(malformed));
        assertEquals("The sign-in cookie is malformed.", malformed.failure().detail());

        FailureException noExpiry = refused(sealedWith(JWEAlgorithm.DIR, EncryptionMethod.A256GCM,
                claims(state).expirationTime(null).build()), state);
        assertEquals("state-expired", code(noExpiry), "a cookie without exp is never taken as valid");
        assertTrue(noExpiry.failure().detail().contains("more than 10 minutes ago"), noExpiry.failure().detail());
    }
}
