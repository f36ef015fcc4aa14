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
 * The one cookie builder: every cookie the app sets is HttpOnly, SameSite=Lax, for Path=/, with a Max-Age, and Secure
 * with the {@code __Host-} prefix unless the public address is plain http on a loopback host (a developer's machine). Lax, not Strict: the
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

    /** Browsers accept a cookie of this prefix only Secure, host-only and for Path=/ (RFC 6265bis). */
    public static final String HOST_PREFIX = "__Host-";

    /**
     * A cookie for the whole host, named with the {@value #HOST_PREFIX} prefix when Secure: a browser then takes it only
     * from this host over https, so a sibling subdomain can neither plant nor overwrite it. On plain http to a loopback
     * host (a developer's machine), the prefix is not allowed and the plain name is used.
     */
    public static AppCookie forApp(String name, Optional<URI> publicAddress) {
        boolean secure = secureFor(publicAddress);
        return new AppCookie(secure ? HOST_PREFIX + name : name, "/", secure);
    }

    public static AppCookie forApp(String name, URI publicAddress) {
        return forApp(name, Optional.of(publicAddress));
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

    /** Every non-empty value the request carries under this cookie's name, in order. */
    public List<String> values(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? List.of() : Arrays.stream(cookies)
                .filter(c -> name.equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty())
                .map(Cookie::getValue).toList();
    }

    /**
     * The one value under this name. Empty when there is none, and when there are several: this app sets one, so a
     * second was planted (on another path, or before the prefix protected it), and neither is trusted.
     */
    public Optional<String> single(HttpServletRequest request) {
        List<String> all = values(request);
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }
}
