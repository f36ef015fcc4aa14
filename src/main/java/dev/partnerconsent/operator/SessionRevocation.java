package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.SessionStore;
import dev.partnerconsent.store.StoredSession;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * "Revoke all sessions of user X", for the sessions page and {@code POST /api/sessions/revoke}, and the list of
 * sessions still live. Revoking ends the rows; every node reads the row on the session's next request, so the sessions
 * end everywhere at once. It only takes power away, so the Operator role may do it (like every state change).
 */
@ApplicationScoped
public class SessionRevocation {

    private final SessionStore store;
    private final OperatorSettings operators;
    private final AuditTrail audit;
    private final Clock clock;

    @Inject
    public SessionRevocation(SessionStore store, OperatorSettings operators, AuditTrail audit, Clock clock) {
        this.store = store;
        this.operators = operators;
        this.audit = audit;
        this.clock = clock;
    }

    protected SessionRevocation() {
        this(null, null, null, null);
    }

    /**
     * Ends every live session of {@code operator} ({@code <tenant id>:<object id>}); how many. Audited with who did it,
     * even when there was none to end.
     */
    public int revokeAll(String operator, String by) throws FailureException {
        String key = operatorKey(operator);
        int ended = store.endAll(key, clock.instant(), by, "revoked by an operator");
        audit.record(AuditEvent.of(AuditKind.SESSION_REVOKED, by, null, "revoked " + ended + " session(s) of " + key)
                .about(key));
        return ended;
    }

    /** The sessions within their idle timeout and cap and not ended, most recently used first. */
    public List<StoredSession> active() throws FailureException {
        Instant now = clock.instant();
        return store.active(now.minus(operators.sessionIdle()), now.minus(operators.session()));
    }

    /** {@code <tenant id>:<object id>}, lower-cased, or a clear refusal. */
    static String operatorKey(String operator) throws FailureException {
        String[] parts = operator == null ? new String[0] : operator.strip().split(":", -1);
        if (parts.length != 2 || !TenantId.isValid(parts[0]) || !TenantId.isValid(parts[1])) {
            throw new FailureException(FailureCode.BAD_REQUEST, "operator must be <tenant id>:<object id> (two GUIDs), as "
                    + "the sessions page and GET /api/sessions list it.");
        }
        return OperatorSession.operatorKey(parts[0].strip(), parts[1].strip());
    }
}
