package dev.partnerconsent.operator;

import java.time.Instant;
import java.util.Optional;

/**
 * Who is calling: a signed-in user (browser session) or an application (bearer token).
 *
 * @param id       the user's or the service principal's object id (for apps, the calling app id)
 * @param name     what the audit log shows: the UPN, or {@code app <appid>}
 * @param role     what the caller may do; empty for someone who is not an operator
 * @param clientId the application the bearer token was issued to ({@code azp}/{@code appid}); empty for sessions
 * @param csrf     the session's anti-forgery token (browser sessions only; empty for bearer tokens)
 */
public record OperatorIdentity(String kind, String id, String name, String tenantId, Optional<OperatorRole> role,
                               Optional<String> clientId, String csrf, Instant expiresAt) {

    public static final String REQUEST_ATTRIBUTE = "dev.partnerconsent.operator";

    public boolean browser() {
        return "user".equals(kind);
    }

    public boolean operator() {
        return role.isPresent();
    }

    /** Whether the caller's role includes {@code needed}. */
    public boolean may(OperatorRole needed) {
        return role.filter(r -> r.includes(needed)).isPresent();
    }

    /** As run triggers and the audit trail name the caller. */
    public String label() {
        return name + " (" + id + ", tenant " + tenantId + ")";
    }
}
