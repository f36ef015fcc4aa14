package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.CookieKeys;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
}
