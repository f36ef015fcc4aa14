package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.JwtVerifier;
import dev.partnerconsent.http.AppCookie;
import dev.partnerconsent.http.CookieKeys;
import dev.partnerconsent.http.CookieSeal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Seals a {@link PendingSignIn} into a cookie ({@link CookieSeal}: encrypted and authenticated) and opens it again at
 * the callback, for the consent and the operator sign-in alike.
 * <p>
 * The cookie name carries a digest of the state so that sign-ins started in two tabs keep two cookies.
 * Single use is enforced by {@link ConsumedSignIns}.
 */
@ApplicationScoped
public class SignInCookie {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    static final String NAME_PREFIX = "pc_signin_";
    private static final Pattern STATE_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{22,128}$");

    private final CookieSeal seal;
    private final ConsumedSignIns consumed;
    private final Clock clock;

    @Inject
    public SignInCookie(CookieKeys keys, ConsumedSignIns consumed, Clock clock) {
        this.seal = keys.base();
        this.consumed = consumed;
        this.clock = clock;
    }

    protected SignInCookie() {
        this.seal = null;
        this.consumed = null;
        this.clock = null;
    }

    /** The cookie name for a sign-in with this state. */
    public static String nameFor(State state) {
        return nameFor(state.getValue());
    }

    static String nameFor(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return NAME_PREFIX + com.nimbusds.jose.util.Base64URL.encode(java.util.Arrays.copyOf(digest, 12));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean plausibleState(String state) {
        return state != null && STATE_SHAPE.matcher(state).matches();
    }

    /** The cookie of this sign-in, for the whole host ({@code __Host-} behind https). */
    public static AppCookie cookieFor(String state, URI redirectUri) {
        return AppCookie.forApp(nameFor(state), redirectUri);
    }

    /** The sealed sign-in as the header that sets its cookie. */
    public String setCookieHeader(PendingSignIn pending, URI redirectUri) {
        return cookieFor(pending.state().getValue(), redirectUri).header(seal(pending), LIFETIME);
    }

    /**
     * Every value of the sign-in cookie the callback's state names, retiring it in the answer whatever comes next: a
     * sign-in cookie is used once. Empty when the state cannot be one of ours.
     */
    public static List<String> take(HttpServletRequest request, HttpServletResponse response, String returnedState,
                                    URI redirectUri) {
        if (!plausibleState(returnedState)) {
            return List.of();
        }
        AppCookie cookie = cookieFor(returnedState, redirectUri);
        cookie.expire(response);
        return cookie.values(request);
    }

    /**
     * The pending sign-in of the one cookie value the state names. Two values of that name are refused: this app set
     * one, so the other was planted (cookie tossing), and a sign-in is never picked among candidates.
     */
    public PendingSignIn open(List<String> sealed, String returnedState) throws FailureException {
        if (sealed.size() > 1) {
            throw new FailureException(FailureCode.STATE_COOKIE_INVALID, "This browser sent " + sealed.size()
                    + " sign-in cookies of one name; PartnerConsent sets one, so another was planted. None is used.");
        }
        if (sealed.isEmpty()) {
            throw new FailureException(FailureCode.STATE_COOKIE_MISSING,
                    "This browser holds no sign-in for the state the callback names.");
        }
        return open(sealed.get(0), returnedState);
    }

    /**
     * Whether the returned state opens one of these sign-in cookies: an error response is believed only then, since
     * anyone can send a browser to a callback with an error of their wording.
     */
    public boolean answers(List<String> sealed, Optional<String> returnedState) {
        if (returnedState.isEmpty()) {
            return false;
        }
        try {
            open(sealed, returnedState.get());
            return true;
        } catch (FailureException e) {
            return false;
        }
    }

    String seal(PendingSignIn pending) {
        return seal.seal(new JWTClaimsSet.Builder()
                .claim("st", pending.state().getValue())
                .claim("n", pending.nonce().getValue())
                .claim("cv", pending.codeVerifier().getValue())
                .issueTime(Date.from(pending.issuedAt()))
                .expirationTime(Date.from(pending.issuedAt().plus(LIFETIME)))
                .build());
    }

    /**
     * Opens the cookie of the sign-in the callback names, checks it belongs to that state, has not expired
     * and was not used before, and marks it used.
     */
    PendingSignIn open(String sealed, String returnedState) throws FailureException {
        if (sealed == null || sealed.isEmpty()) {
            throw new FailureException(FailureCode.STATE_COOKIE_MISSING,
                    "This browser holds no sign-in for the state the callback names.");
        }
        JWTClaimsSet claims = seal.open(sealed).orElseThrow(() -> new FailureException(FailureCode.STATE_COOKIE_INVALID,
                "The sign-in cookie could not be opened: it is not one this app made, was altered, or was sealed with another key."));
        String state = stringClaim(claims, "st");
        if (!JwtVerifier.constantTimeEquals(state, returnedState)) {
            throw new FailureException(FailureCode.STATE_MISMATCH, "The state returned by Entra ID does not match this browser's sign-in.");
        }
        Date expires = claims.getExpirationTime();
        Instant now = clock.instant();
        if (expires == null || now.isAfter(expires.toInstant())) {
            throw new FailureException(FailureCode.STATE_EXPIRED,
                    "The sign-in was started more than " + LIFETIME.toMinutes() + " minutes ago.");
        }
        if (!consumed.consume(state, expires.toInstant(), now)) {
            throw new FailureException(FailureCode.STATE_REPLAYED, "This sign-in was already completed once; a sign-in response can be used only once.");
        }
        return new PendingSignIn(new State(state), new Nonce(stringClaim(claims, "n")),
                new CodeVerifier(stringClaim(claims, "cv")), claims.getIssueTime().toInstant());
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws FailureException {
        try {
            String value = claims.getStringClaim(name);
            if (value == null) {
                throw new FailureException(FailureCode.STATE_COOKIE_INVALID, "The sign-in cookie is incomplete.");
            }
            return value;
        } catch (ParseException e) {
            throw new FailureException(FailureCode.STATE_COOKIE_INVALID, "The sign-in cookie is malformed.");
        }
    }
}
