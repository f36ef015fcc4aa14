package dev.partnerconsent.operator;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.AppCookie;
import dev.partnerconsent.http.CookieKeys;
import dev.partnerconsent.http.CookieSeal;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.SessionStore;
import dev.partnerconsent.store.StoredSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's session: a random session id sealed into a cookie ({@link CookieSeal}, with who signed in and the
 * session's anti-forgery token), and a row in the database ({@link SessionStore}, keyed by the id's hash) that every
 * request reads, on whichever node it lands. The row decides: revoked (sign-out, an operator's "revoke all"), unused
 * for longer than the idle timeout, older than the cap, or signed in with a role the settings no longer grant — and the
 * session is over everywhere at once. The cookie's key is derived from the cookie keys for this purpose only, so a
 * sign-in cookie can never pass for a session.
 */
@ApplicationScoped
public class OperatorSession {

    public static final String COOKIE = "pc_operator";
    // v3: the session is a session id with a row; a v2 cookie (role in the cookie, nothing to revoke) is not read as one
    static final String KEY_PURPOSE = "partnerconsent operator session v3";
    /** Rows of sessions this long past their cap are deleted (the audit trail keeps what happened to them). */
    private static final Duration KEEP_ENDED = Duration.ofDays(1);

    private final Settings settings;
    private final OperatorSettings operators;
    private final CookieSeal seal;
    private final SessionStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public OperatorSession(Settings settings, OperatorSettings operators, CookieKeys keys, SessionStore store,
                           AuditTrail audit, Clock clock) {
        this.settings = settings;
        this.operators = operators;
        this.seal = keys.derived(KEY_PURPOSE);
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    protected OperatorSession() {
        this.settings = null;
        this.operators = null;
        this.seal = null;
        this.store = null;
        this.audit = null;
        this.clock = null;
    }

    /** Starts a session for this user: its row first, then the cookie; the identity's csrf token is made here. */
    public OperatorIdentity start(String objectId, String upn, String tenantId, Optional<OperatorRole> role,
                                  HttpServletResponse response) throws FailureException {
        Instant now = clock.instant();
        String sessionId = randomToken(32);
        Instant expires = now.plus(operators.session());
        OperatorIdentity identity = new OperatorIdentity("user", objectId, upn, tenantId, role, Optional.empty(),
                randomToken(24), expires);
        store.prune(now.minus(operators.session()).minus(KEEP_ENDED));
        store.create(sessionId, operatorKey(tenantId, objectId), identity.label(), role.map(Enum::name),
                operators.sourceOf(tenantId, objectId, role).code(), now);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("sid", sessionId).subject(objectId).claim("upn", upn).claim("tid", tenantId)
                .claim("csrf", identity.csrf()).expirationTime(Date.from(expires)).build();
        cookie().set(response, seal.seal(claims), operators.session());
        return identity;
    }

    /**
     * The session this request carries, checked against its row. Two cookies of the name are refused: this app sets one,
     * so the other was planted, and a session is never picked among candidates (the owner of the one that is a live
     * session learns of it from the audit trail).
     */
    SessionCheck check(HttpServletRequest request) throws FailureException {
        List<String> values = cookie().values(request);
        if (values.size() > 1) {
            for (String value : values) {
                Optional<Opened> opened = open(value);
                if (opened.isPresent() && judge(opened.get(), false).live().isPresent()) {
                    audit.record(AuditEvent.of(AuditKind.OPERATOR_REFUSED, opened.get().identity().label(), null,
                            "two operator session cookies in one request: another was planted beside this session; neither "
                                    + "was trusted"));
                    break;
                }
            }
            return SessionCheck.none();
        }
        Optional<Opened> opened = values.isEmpty() ? Optional.empty() : open(values.get(0));
        return opened.isEmpty() ? SessionCheck.none() : judge(opened.get(), true);
    }

    /**
     * Signs the request's session out: its row is ended (so a copy of the cookie dies with it) and the browser told to
     * drop the cookie. The caller whose live session it was, if any.
     */
    Optional<OperatorIdentity> end(HttpServletRequest request, HttpServletResponse response) throws FailureException {
        cookie().expire(response);
        Optional<Opened> opened = cookie().single(request).flatMap(this::open);
        if (opened.isPresent() && store.end(opened.get().sessionId(), clock.instant(), opened.get().identity().label(),
                "signed out")) {
            return Optional.of(opened.get().identity());
        }
        return Optional.empty();
    }

    /** Tells the browser to drop the cookie (of a session that ended). */
    void forget(HttpServletResponse response) {
        cookie().expire(response);
    }

    private SessionCheck judge(Opened opened, boolean use) throws FailureException {
        OperatorIdentity cookie = opened.identity();
        Optional<StoredSession> row = store.find(opened.sessionId());
        if (row.isEmpty()) {
            return SessionCheck.ended(cookie, "this database has no record of it (signed in on a node with another "
                    + "database, or its record was deleted)");
        }
        StoredSession s = row.get();
        if (!s.operator().equals(operatorKey(cookie.tenantId(), cookie.id()))) {
            return SessionCheck.none();
        }
        Instant now = clock.instant();
        SessionRules.Verdict verdict = SessionRules.judge(s, now, operators.sessionIdle(), operators.session(),
                operators.stillGrants(cookie.tenantId(), cookie.id(), RoleSource.of(s.roleSource())));
        Optional<OperatorRole> role = s.role().flatMap(OperatorRole::named);
        OperatorIdentity caller = new OperatorIdentity("user", cookie.id(), cookie.name(), cookie.tenantId(), role,
                Optional.empty(), cookie.csrf(), cookie.expiresAt());
        if (verdict.live()) {
            if (use && verdict.recordUse()) {
                store.touch(opened.sessionId(), now);
            }
            return SessionCheck.live(caller);
        }
        SessionRules.End end = verdict.end().orElseThrow();
        // ended on use: the first node to see it ends the row (once, for every node) and says so on the audit trail
        if (use && end != SessionRules.End.REVOKED && store.end(opened.sessionId(), now, "PartnerConsent", verdict.why())) {
            audit.record(AuditEvent.of(end == SessionRules.End.ROLE_REMOVED ? AuditKind.SESSION_REVOKED : AuditKind.SESSION_EXPIRED,
                    caller.label(), null, "session ended on use: " + verdict.why()));
        }
        return SessionCheck.ended(caller, verdict.why());
    }

    /** The cookie's session id and the identity it names, if it is one of ours and within its cap. */
    private Optional<Opened> open(String value) {
        return seal.open(value).flatMap(c -> {
            Date exp = c.getExpirationTime();
            if (exp == null || clock.instant().isAfter(exp.toInstant())) {
                return Optional.empty();
            }
            try {
                String sid = c.getStringClaim("sid");
                if (sid == null || c.getSubject() == null || c.getStringClaim("tid") == null) {
                    return Optional.empty();
                }
                return Optional.of(new Opened(sid, new OperatorIdentity("user", c.getSubject(), c.getStringClaim("upn"),
                        c.getStringClaim("tid"), Optional.empty(), Optional.empty(), c.getStringClaim("csrf"), exp.toInstant())));
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }

    private record Opened(String sessionId, OperatorIdentity identity) {
    }

    /** How a session row and "revoke all" name a person: {@code <tenant id>:<object id>}, lower-cased. */
    static String operatorKey(String tenantId, String objectId) {
        return (tenantId + ":" + objectId).toLowerCase(Locale.ROOT);
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64URL.encode(b).toString();
    }

    private AppCookie cookie() {
        return AppCookie.forApp(COOKIE, settings.get().redirectUri());
    }
}
