package dev.partnerconsent.operator;

import java.time.Instant;

/**
 * Who is calling: a signed-in user (browser session) or an application (bearer token).
 *
 * @param id       the user's or the service principal's object id (for apps, the calling app id)
 * @param name     what the audit log shows: the UPN, or {@code app <appid>}
 * @param operator whether the caller may use the pages and the API
 * @param csrf     the session's anti-forgery token (browser sessions only; empty for bearer tokens)
 */
public record OperatorIdentity(String kind, String id, String name, String tenantId, boolean operator, String csrf,
                               Instant expiresAt) {

    public static final String REQUEST_ATTRIBUTE = "dev.partnerconsent.operator";

    public boolean browser() {
        return "user".equals(kind);
    }

    /** As run triggers and the audit trail name the caller. */
    public String label() {
        return name + " (" + id + ", tenant " + tenantId + ")";
    }
}
