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
    void keysRotateWithoutSigningAnyoneOut() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("operator").build();
        CookieKeys old = new CookieKeys(MapConfig.settings(Map.of("partnerconsent.cookie-keys", "2026-05:" + KEY_A)));
        CookieKeys rotated = new CookieKeys(MapConfig.settings(Map.of("partnerconsent.cookie-keys",
                "2026-11:" + KEY_B + ", 2026-05:" + KEY_A)));
        CookieKeys retired = new CookieKeys(MapConfig.settings(Map.of("partnerconsent.cookie-keys", "2026-11:" + KEY_B)));
        String before = old.derived("session").seal(claims);
        assertEquals("operator", rotated.derived("session").open(before).orElseThrow().getSubject(), "sealed with the older key");
        String after = rotated.derived("session").seal(claims);
        assertTrue(after.startsWith(com.nimbusds.jose.util.Base64URL.encode("{\"kid\":\"2026-11\"").toString().substring(0, 8))
                || new String(java.util.Base64.getUrlDecoder().decode(after.split("\\.")[0])).contains("\"kid\":\"2026-11\""),
                "the newest key seals, and the header names it");
        assertTrue(old.derived("session").open(after).isEmpty(), "a node without the new key cannot open it");
        assertTrue(retired.derived("session").open(before).isEmpty(), "a key taken out of the ring opens nothing any more");
        // sealed by an earlier release (no kid in the header): tried with each key of the ring
        com.nimbusds.jwt.EncryptedJWT legacy = new com.nimbusds.jwt.EncryptedJWT(new com.nimbusds.jose.JWEHeader(
                com.nimbusds.jose.JWEAlgorithm.DIR, com.nimbusds.jose.EncryptionMethod.A256GCM), claims);
        try {
            legacy.encrypt(new com.nimbusds.jose.crypto.DirectEncrypter(java.util.Base64.getDecoder().decode(KEY_A)));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
        assertEquals("operator", rotated.base().open(legacy.serialize()).orElseThrow().getSubject());
        // partnerconsent.cookie-key is the ring's key "default": moved into a ring under that id, its cookies still open
        String single = keys(KEY_A).base().seal(claims);
        CookieKeys migrated = new CookieKeys(MapConfig.settings(Map.of("partnerconsent.cookie-keys",
                "2026-11:" + KEY_B + ",default:" + KEY_A)));
        assertEquals("operator", migrated.base().open(single).orElseThrow().getSubject());
    }

    @Test
    void aRingEntryThatCannotBeReadIsASetupProblemNamingNoKey() {
        var settings = MapConfig.settings(Map.of("partnerconsent.cookie-keys", "a:" + KEY_A + ",a:" + KEY_B + ",b:short,c"));
        assertEquals(List.of("a"), settings.get().cookieKeys().stream().map(k -> k.id()).toList());
        var problems = settings.problems().stream().filter(p -> p.key().equals("partnerconsent.cookie-keys")).toList();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.problem().contains(KEY_A) || p.problem().contains(KEY_B)));
    }

    @Test
    void everyCookieIsHttpOnlyLaxForTheHostAndSecureWithTheHostPrefixUnlessLoopbackHttp() {
        String header = AppCookie.forApp("pc_signin_x", URI.create("https://consent.example.com/app/consent/callback"))
                .header("v.a-l_ue", Duration.ofMinutes(10));
        assertEquals("__Host-pc_signin_x=v.a-l_ue; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax", header);
        String local = AppCookie.forApp("n", URI.create("http://localhost:8080/cb")).header("v", Duration.ZERO);
        assertFalse(local.contains("Secure") || local.startsWith("__Host-"), "browsers refuse __Host- without Secure: " + local);
        assertTrue(AppCookie.forApp("pc_operator", Optional.empty()).header("", Duration.ZERO)
                .startsWith("__Host-pc_operator=; Path=/; Max-Age=0; Secure"));
        AppCookie cookie = AppCookie.forApp("n", Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> cookie.header("a;b", Duration.ZERO), "no attribute injection");
        assertThrows(IllegalArgumentException.class, () -> cookie.header("a\r\nX: y", Duration.ZERO));
    }

    @Test
    void twoCookiesOfOneNameAreNeitherTrusted() {
        AppCookie cookie = AppCookie.forApp("pc_operator", Optional.empty());
        HttpServletRequest two = request(new Cookie("__Host-pc_operator", "planted"), new Cookie("other", "x"),
                new Cookie("__Host-pc_operator", ""), new Cookie("__Host-pc_operator", "ours"));
        assertEquals(List.of("planted", "ours"), cookie.values(two));
        assertEquals(Optional.empty(), cookie.single(two));
        HttpServletRequest one = request(new Cookie("pc_operator", "unprefixed, as a sibling could set"),
                new Cookie("__Host-pc_operator", "ours"));
        assertEquals(Optional.of("ours"), cookie.single(one));
    }

    private HttpServletRequest request(Cookie... cookies) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> "getCookies".equals(method.getName())
                        ? cookies : null);
    }
}
