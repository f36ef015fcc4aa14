package dev.partnerconsent.signin;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Seals a {@link PendingSignIn} into a cookie value (JWE, direct AES-256-GCM: encrypted and authenticated)
 * and opens it again at the callback.
 * <p>
 * The cookie name carries a digest of the state so that sign-ins started in two tabs keep two cookies.
 * Single use is enforced by {@link ConsumedSignIns}.
 */
@ApplicationScoped
public class SignInCookie {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    static final String NAME_PREFIX = "pc_signin_";
    private static final Pattern STATE_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{22,128}$");
    private static final Logger LOG = Logger.getLogger(SignInCookie.class.getName());

    private final Settings settings;
    private final ConsumedSignIns consumed;
    private final Clock clock;
    private SecretKey key;

    @Inject
    public SignInCookie(Settings settings, ConsumedSignIns consumed) {
        this.settings = settings;
        this.consumed = consumed;
        this.clock = Clock.systemUTC();
    }

    protected SignInCookie() {
        this.settings = null;
        this.consumed = null;
        this.clock = null;
    }

    @PostConstruct
    void initKey() {
        byte[] raw = settings.get().cookieKey().orElse(null);
        if (raw == null) {
            raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            LOG.warning("partnerconsent.cookie-key is not set: sign-in cookies are sealed with a key made for this process only. "
                    + "With several nodes, or across a restart during a sign-in, set the same key on every node "
                    + "(openssl rand -base64 32).");
        }
        key = new SecretKeySpec(raw, "AES");
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

    public String seal(PendingSignIn pending) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("st", pending.state().getValue())
                .claim("n", pending.nonce().getValue())
                .claim("cv", pending.codeVerifier().getValue())
                .issueTime(Date.from(pending.issuedAt()))
                .expirationTime(Date.from(pending.issuedAt().plus(LIFETIME)))
                .build();
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims);
        try {
            jwt.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot seal the sign-in cookie", e);
        }
        return jwt.serialize();
    }

    /**
     * Opens the cookie of the sign-in the callback names, checks it belongs to that state, has not expired
     * and was not used before, and marks it used.
     */
    public PendingSignIn open(String sealed, String returnedState) throws FailureException {
        if (sealed == null || sealed.isEmpty()) {
            throw new FailureException("state-cookie-missing", 400,
                    "This browser holds no sign-in for the state the callback names.");
        }
        JWTClaimsSet claims;
        try {
            EncryptedJWT jwt = EncryptedJWT.parse(sealed);
            if (!JWEAlgorithm.DIR.equals(jwt.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwt.getHeader().getEncryptionMethod())) {
                throw new FailureException("state-cookie-invalid", 400, "The sign-in cookie is not one this app made.");
            }
            jwt.decrypt(new DirectDecrypter(key));
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw new FailureException("state-cookie-invalid", 400,
                    "The sign-in cookie could not be opened: it was altered, or sealed with another key.");
        }
        String state = stringClaim(claims, "st");
        if (!constantTimeEquals(state, returnedState)) {
            throw new FailureException("state-mismatch", 400, "The state returned by Entra ID does not match this browser's sign-in.");
        }
        Date expires = claims.getExpirationTime();
        Instant now = clock.instant();
        if (expires == null || now.isAfter(expires.toInstant())) {
            throw new FailureException("state-expired", 400,
                    "The sign-in was started more than " + LIFETIME.toMinutes() + " minutes ago.");
        }
        if (!consumed.consume(state, expires.toInstant(), now)) {
            throw new FailureException("state-replayed", 400, "This sign-in was already completed once; a sign-in response can be used only once.");
        }
        return new PendingSignIn(new State(state), new Nonce(stringClaim(claims, "n")),
                new CodeVerifier(stringClaim(claims, "cv")), claims.getIssueTime().toInstant());
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws FailureException {
        try {
            String value = claims.getStringClaim(name);
            if (value == null) {
                throw new FailureException("state-cookie-invalid", 400, "The sign-in cookie is incomplete.");
            }
            return value;
        } catch (ParseException e) {
            throw new FailureException("state-cookie-invalid", 400, "The sign-in cookie is malformed.");
        }
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
