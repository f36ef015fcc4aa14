package dev.partnerconsent.http;

import dev.partnerconsent.settings.SettingsCheck;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one cookie builder: every cookie the app sets is HttpOnly, SameSite=Lax, scoped to a path, with a Max-Age, and
 * Secure unless the public address is plain http on a loopback host (a developer's machine). Lax, not Strict: the
 * cookies are read at the end of Entra's redirect chain, which Strict would not carry them on; cross-site POSTs still
 * go without them. Written as the {@code Set-Cookie} header itself, so JAX-RS resources and servlets set the same.
 */
public record AppCookie(String name, String path, boolean secure) {

    /** RFC 6265 cookie-octets: what a value may hold, so no value can end the header or add an attribute. */
    private static final Pattern VALUE = Pattern.compile("^[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*$");

    public AppCookie {
        if (!name.matches("^[A-Za-z0-9_-]+$") || !path.startsWith("/")) {
            throw new IllegalArgumentException("Not a cookie name and path: " + name + " " + path);
        }
    }

    /** A cookie for the path of {@code publicAddress}, the address the browser uses (a redirect URI). */
    public static AppCookie of(String name, URI publicAddress) {
        return new AppCookie(name, publicAddress.getRawPath(), secureFor(Optional.of(publicAddress)));
    }

    /** A cookie for the whole application; Secure unless the public address is known to be loopback http. */
    public static AppCookie forApp(String name, Optional<URI> publicAddress) {
        return new AppCookie(name, "/", secureFor(publicAddress));
    }

    /** The {@code Set-Cookie} header value that sets this cookie for {@code maxAge}. */
    public String header(String value, Duration maxAge) {
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a cookie value");
        }
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge.toSeconds()
                + (secure() ? "; Secure" : "") + "; HttpOnly; SameSite=Lax";
    }

    public void set(HttpServletResponse response, String value, Duration maxAge) {
        response.addHeader("Set-Cookie", header(value, maxAge));
    }

    /** Tells the browser to drop it. */
    public void expire(HttpServletResponse response) {
        set(response, "", Duration.ZERO);
    }

    private static boolean secureFor(Optional<URI> publicAddress) {
        return publicAddress.map(u -> !SettingsCheck.isLoopbackHttp(u)).orElse(true);
    }

    /**
     * Every non-empty value the request carries under this name, in order: a cookie planted for a parent path or domain
     * (cookie tossing) must not shadow the one this app set, so callers try each.
     */
    public static List<String> values(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? List.of() : Arrays.stream(cookies)
                .filter(c -> name.equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty())
                .map(Cookie::getValue).toList();
    }
}
