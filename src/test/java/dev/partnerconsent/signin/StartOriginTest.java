package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consent started under another host name than the redirect URI's is stopped before it loses its cookie. */
class StartOriginTest {

    private static HttpServletRequest requestTo(String host) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass0(), new Class<?>[]{HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getServerName" -> host;
                    case "getContextPath" -> "";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClassLoader getClass0() {
        return StartOriginTest.class.getClassLoader();
    }

    @Test
    void sameHostPassesWhateverThePortOrScheme() {
        URI redirect = URI.create("https://consent.example.com/consent/callback");
        assertDoesNotThrow(() -> SignInStart.checkOrigin(requestTo("consent.example.com"), redirect));
        assertDoesNotThrow(() -> SignInStart.checkOrigin(requestTo("CONSENT.example.com"), redirect));
    }

    @Test
    void anotherHostNameIsExplained() {
        URI redirect = URI.create("https://consent.example.com/consent/callback");
        FailureException e = assertThrows(FailureException.class, () -> SignInStart.checkOrigin(requestTo("server"), redirect));
        assertEquals("start-origin-mismatch", e.failure().code());
        assertEquals(400, e.failure().httpStatus());
        assertTrue(e.failure().detail().contains("Open https://consent.example.com/"), e.failure().detail());
    }
}
