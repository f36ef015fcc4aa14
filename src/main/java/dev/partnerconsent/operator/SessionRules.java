package dev.partnerconsent.operator;

import dev.partnerconsent.store.StoredSession;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an operator session's row, the time and the settings say about one use of it: whether it is still live, and if
 * not why it ended; and whether this use is worth recording as its last. Checked on every request that carries the
 * session, on whichever node it lands.
 */
final class SessionRules {

    /**
     * A use is recorded at most once a minute: reading the row is needed on every request anyway, but writing it on
     * every request would put a database write (and a row lock) behind every page and API call. The idle timeout so
     * counts from a use up to a minute old: a session may end up to a minute before the idle time after its true last
     * use, never later.
     */
    static final Duration RECORD_USE_EVERY = Duration.ofMinutes(1);

    enum End {
        /** Signed out, or revoked by an operator. */
        REVOKED,
        /** Unused for longer than the idle timeout. */
        IDLE,
        /** Older than the absolute cap. */
        OVER_CAP,
        /** The settings no longer grant the role it was signed in with. */
        ROLE_REMOVED
    }

    /**
     * @param end      why the session ended; empty while it is live
     * @param why      the end in words, for the refusal's detail and the audit row
     * @param recordUse whether this use should be written as the session's last
     */
    record Verdict(Optional<End> end, String why, boolean recordUse) {
        boolean live() {
            return end.isEmpty();
        }
    }

    private SessionRules() {
    }

    static Verdict judge(StoredSession s, Instant now, Duration idle, Duration cap, boolean roleStillGranted) {
        if (s.revoked()) {
            return ended(End.REVOKED, "it was ended at " + s.revokedAt().orElseThrow()
                    + s.revokedWhy().map(w -> " (" + w + ")").orElse(""));
        }
        Instant capped = s.created().plus(cap);
        if (!now.isBefore(capped)) {
            return ended(End.OVER_CAP, "it started at " + s.created() + " and partnerconsent.operator.session (" + cap
                    + ") is the longest a session lasts");
        }
        if (now.isAfter(s.lastUsed().plus(idle))) {
            return ended(End.IDLE, "it was last used at " + s.lastUsed() + ", longer ago than "
                    + "partnerconsent.operator.session-idle (" + idle + ") allows");
        }
        if (!roleStillGranted) {
            return ended(End.ROLE_REMOVED, "the settings no longer grant the role it was signed in with ("
                    + s.role().orElse("none") + " through " + s.roleSource() + ")");
        }
        return new Verdict(Optional.empty(), "", !now.isBefore(s.lastUsed().plus(RECORD_USE_EVERY)));
    }

    private static Verdict ended(End end, String why) {
        return new Verdict(Optional.of(end), why, false);
    }
}
