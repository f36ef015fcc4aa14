package dev.partnerconsent.operator;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.http.AppCookie;
import dev.partnerconsent.http.CookieKeys;
import dev.partnerconsent.http.CookieSeal;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The operator's session, sealed into a cookie ({@link CookieSeal}) so that nothing is kept on the server and every
 * node with the same {@code partnerconsent.cookie-key} accepts it. Its key is derived from the cookie key for this
 * purpose only, so a sign-in cookie can never pass for a session. It carries the anti-forgery token of the session.
 */
@ApplicationScoped
public class OperatorSession {

    public static final String COOKIE = "pc_operator";
    // v2: the session carries a role instead of a yes/no, so a v1 session cannot be read as one
    static final String KEY_PURPOSE = "partnerconsent operator session v2";

    private final Settings settings;
    private final OperatorSettings operators;
    private final CookieSeal seal;
    private final Clock clock;

    @Inject
    public OperatorSession(Settings settings, OperatorSettings operators, CookieKeys keys, Clock clock) {
        this.settings = settings;
        this.operators = operators;
        this.seal = keys.derived(KEY_PURPOSE);
        this.clock = clock;
    }

    protected OperatorSession() {
        this.settings = null;
        this.operators = null;
        this.seal = null;
        this.clock = null;
    }

    /** Starts a session for this user; the identity's csrf token is made here. */
    public OperatorIdentity start(String objectId, String upn, String tenantId, Optional<OperatorRole> role,
                                  HttpServletResponse response) {
        byte[] csrf = new byte[24];
        new SecureRandom().nextBytes(csrf);
        Instant expires = clock.instant().plus(operators.session());
        OperatorIdentity identity = new OperatorIdentity("user", objectId, upn, tenantId, role, Optional.empty(),
                Base64URL.encode(csrf).toString(), expires);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(objectId).claim("upn", upn).claim("tid", tenantId).claim("role", role.map(Enum::name).orElse(null))
                .claim("csrf", identity.csrf()).expirationTime(Date.from(expires)).build();
        cookie().set(response, seal.seal(claims), operators.session());
        return identity;
    }

    public void end(HttpServletResponse response) {
        cookie().expire(response);
    }

    /**
     * The session this request carries, if it is one of ours and not expired. Two cookies of the name are refused: this
     * app sets one, so the other was planted, and a session is never picked among candidates.
     */
    public Optional<OperatorIdentity> of(HttpServletRequest request) {
        return cookie().single(request).flatMap(seal::open).flatMap(this::identity);
    }

    private Optional<OperatorIdentity> identity(JWTClaimsSet c) {
        Date exp = c.getExpirationTime();
        if (exp == null || clock.instant().isAfter(exp.toInstant())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OperatorIdentity("user", c.getSubject(), c.getStringClaim("upn"), c.getStringClaim("tid"),
                    Optional.ofNullable(c.getStringClaim("role")).flatMap(OperatorRole::named), Optional.empty(),
                    c.getStringClaim("csrf"),
                    exp.toInstant()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private AppCookie cookie() {
        return AppCookie.forApp(COOKIE, settings.get().redirectUri());
    }
}
