package dev.partnerconsent.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An operator session as its row has it.
 *
 * @param operator   {@code <tenant id>:<object id>}, lower-cased
 * @param label      how the audit trail names the person
 * @param role       the role the sign-in proved (an {@code OperatorRole} name); empty for a user who is no operator
 * @param roleSource where the role came from ({@code admins}, {@code app-role} or {@code none})
 * @param lastUsed   the last recorded use (recorded at most once a minute)
 * @param revokedAt  when it was ended, by sign-out, revocation or a check on use; empty while it may be used
 */
public record StoredSession(String operator, String label, Optional<String> role, String roleSource, Instant created,
                            Instant lastUsed, Optional<Instant> revokedAt, Optional<String> revokedBy,
                            Optional<String> revokedWhy) {

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
