package dev.partnerconsent.http;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.settings.MapConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one cookie codec and the one cookie builder. */
class SealedCookiesTest {

    private static final String KEY_A = "q2lO0x8dW3m5rJ4u7Hk9s1VbN6cE0fTzYpAaQwErTyU=";
    private static final String KEY_B = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=";

    private static CookieKeys keys(String key) {
        return new CookieKeys(MapConfig.settings(Map.of("partnerconsent.cookie-key", key)));
    }

    @Test
    void opensOnlyWhatTheSameKeyAndPurposeSealed() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("someone").claim("csrf", "abc").build();
        String sealed = keys(KEY_A).base().seal(claims);
        assertEquals(5, sealed.split("\\.", -1).length, "a compact JWE has five parts");
        assertFalse(sealed.contains("someone"));
        assertEquals("someone", keys(KEY_A).base().open(sealed).orElseThrow().getSubject(), "another node with the same key");
        assertTrue(keys(KEY_B).base().open(sealed).isEmpty(), "another key");
        assertTrue(keys(KEY_A).derived("session").open(sealed).isEmpty(), "a cookie of one purpose never passes for another");
        assertEquals("someone", keys(KEY_A).derived("session").open(keys(KEY_A).derived("session").seal(claims))
                .orElseThrow().getSubject());
        char[] altered = sealed.toCharArray();
        int i = sealed.lastIndexOf('.') - 3;
        altered[i] = altered[i] == 'A' ? 'B' : 'A';
        assertTrue(keys(KEY_A).base().open(new String(altered)).isEmpty());
        assertTrue(keys(KEY_A).base().open("not.a.jwe").isEmpty());
        assertTrue(keys(KEY_A).base().open("").isEmpty());
    }

    @Test
    void withoutAConfiguredKeyAProcessKeyStillSealsAndOpens() {
        CookieKeys own = new CookieKeys(MapConfig.settings(Map.of()));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("x").build();
        assertEquals("x", own.base().open(own.base().seal(claims)).orElseThrow().getSubject());
        assertTrue(keys(KEY_A).base().open(own.base().seal(claims)).isEmpty());
    }

    @Test
    void everyCookieIsHttpOnlyLaxScopedAndSecureUnlessLoopbackHttp() {
        String header = AppCookie.of("pc_signin_x", URI.create("https://consent.example.com/app/consent/callback"))
                .header("v.a-l_ue", Duration.ofMinutes(10));
        assertEquals("pc_signin_x=v.a-l_ue; Path=/app/consent/callback; Max-Age=600; Secure; HttpOnly; SameSite=Lax", header);
        assertFalse(AppCookie.of("n", URI.create("http://localhost:8080/cb")).header("v", Duration.ZERO).contains("Secure"));
        assertTrue(AppCookie.forApp("pc_operator", Optional.empty()).header("", Duration.ZERO)
                .startsWith("pc_operator=; Path=/; Max-Age=0; Secure"));
        AppCookie cookie = AppCookie.forApp("n", Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> cookie.header("a;b", Duration.ZERO), "no attribute injection");
        assertThrows(IllegalArgumentException.class, () -> cookie.header("a\r\nX: y", Duration.ZERO));
    }

    @Test
    void readsEveryNonEmptyCookieOfTheName() {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> "getCookies".equals(method.getName())
                        ? new Cookie[]{new Cookie("pc_operator", "planted"), new Cookie("other", "x"),
                        new Cookie("pc_operator", ""), new Cookie("pc_operator", "ours")} : null);
        assertEquals(List.of("planted", "ours"), AppCookie.values(request, "pc_operator"));
    }
}
