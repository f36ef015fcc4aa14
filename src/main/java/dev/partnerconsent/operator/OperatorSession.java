package dev.partnerconsent.operator;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SettingsCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The operator's session, sealed into a cookie (JWE, AES-256-GCM) so that nothing is kept on the server and every
 * node with the same {@code partnerconsent.cookie-key} accepts it. Its key is derived from the cookie key for this
 * purpose only, so a sign-in cookie can never pass for a session. It carries the anti-forgery token of the session.
 */
@ApplicationScoped
public class OperatorSession {

    public static final String COOKIE = "pc_operator";

    private final Settings settings;
    private final OperatorSettings operators;
    private final Clock clock = Clock.systemUTC();
    private SecretKey key;

    @Inject
    public OperatorSession(Settings settings, OperatorSettings operators) {
        this.settings = settings;
        this.operators = operators;
    }

    protected OperatorSession() {
        this(null, null);
    }

    @PostConstruct
    void initKey() {
        byte[] base = settings.get().cookieKey().orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("partnerconsent operator session v1".getBytes(StandardCharsets.UTF_8));
            key = new SecretKeySpec(sha.digest(base), "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a session for this user; the identity's csrf token is made here. */
    public OperatorIdentity start(String objectId, String upn, String tenantId, boolean operator, HttpServletResponse response) {
        byte[] csrf = new byte[24];
        new SecureRandom().nextBytes(csrf);
        Instant expires = clock.instant().plus(operators.session());
        OperatorIdentity identity = new OperatorIdentity("user", objectId, upn, tenantId, operator,
                Base64URL.encode(csrf).toString(), expires);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(objectId).claim("upn", upn).claim("tid", tenantId).claim("op", operator)
                .claim("csrf", identity.csrf()).expirationTime(Date.from(expires)).build();
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims);
        try {
            jwt.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot seal the operator session", e);
        }
        response.addCookie(cookie(jwt.serialize(), (int) operators.session().toSeconds()));
        return identity;
    }

    public void end(HttpServletResponse response) {
        response.addCookie(cookie("", 0));
    }

    /** The session this request carries, if it is one of ours and not expired. */
    public Optional<OperatorIdentity> of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        // Every cookie of that name, not the first: a cookie planted for a parent path or domain (cookie tossing)
        // would otherwise shadow the session this app sealed.
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                Optional<OperatorIdentity> identity = open(c.getValue());
                if (identity.isPresent()) {
                    return identity;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<OperatorIdentity> open(String sealed) {
        try {
            EncryptedJWT jwt = EncryptedJWT.parse(sealed);
            if (!JWEAlgorithm.DIR.equals(jwt.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwt.getHeader().getEncryptionMethod())) {
                return Optional.empty();
            }
            jwt.decrypt(new DirectDecrypter(key));
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Date exp = c.getExpirationTime();
            if (exp == null || clock.instant().isAfter(exp.toInstant())) {
                return Optional.empty();
            }
            return Optional.of(new OperatorIdentity("user", c.getSubject(), c.getStringClaim("upn"), c.getStringClaim("tid"),
                    Boolean.TRUE.equals(c.getBooleanClaim("op")), c.getStringClaim("csrf"), exp.toInstant()));
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Cookie cookie(String value, int maxAge) {
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setPath("/");
        cookie.setMaxAge(maxAge);
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.get().redirectUri().map(u -> !SettingsCheck.isLoopbackHttp(u)).orElse(true));
        // Lax, not Strict: the session is set at the end of Entra's redirect chain, which Strict would not carry on.
        // Cross-site POSTs still go without it, and every POST also needs the csrf token.
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
