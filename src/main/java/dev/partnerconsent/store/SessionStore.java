package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The operator sessions' rows. A session is found by the SHA-256 of its id: the id itself lives only in the sealed
 * cookie, so someone who reads the table or a backup cannot make a cookie of it. Ending a session is a conditional
 * update ({@code … WHERE revoked_ms IS NULL}): when two nodes end one session at once, exactly one of them is told
 * it ended it, and only that one writes the audit row.
 */
@ApplicationScoped
public class SessionStore {

    /** At most this many sessions are listed. */
    public static final int LISTED = 500;

    private final Database db;

    @Inject
    public SessionStore(Database db) {
        this.db = db;
    }

    protected SessionStore() {
        this.db = null;
    }

    /** Records a new session, used now. */
    public void create(String sessionId, String operator, String label, Optional<String> role, String roleSource,
                       Instant now) throws FailureException {
        db.transaction(em -> {
            em.persist(new SessionRow(hash(sessionId), operator, clip(label, 320), role.orElse(null), roleSource,
                    now.toEpochMilli()));
            return null;
        });
    }

    public Optional<StoredSession> find(String sessionId) throws FailureException {
        return db.transaction(em -> Optional.ofNullable(em.find(SessionRow.class, hash(sessionId))).map(SessionRow::stored));
    }

    /** Records a use of a live session. */
    public void touch(String sessionId, Instant now) throws FailureException {
        db.transaction(em -> em.createQuery("UPDATE SessionRow s SET s.lastUsedMillis = :now "
                        + "WHERE s.idHash = :h AND s.revokedMillis IS NULL AND s.lastUsedMillis < :now")
                .setParameter("now", now.toEpochMilli()).setParameter("h", hash(sessionId)).executeUpdate());
    }

    /** Ends one session; true when this call ended it (false: unknown, or already ended). */
    public boolean end(String sessionId, Instant now, String by, String why) throws FailureException {
        return db.transaction(em -> em.createQuery("UPDATE SessionRow s SET s.revokedMillis = :now, s.revokedBy = :by, "
                        + "s.revokedWhy = :why WHERE s.idHash = :h AND s.revokedMillis IS NULL")
                .setParameter("now", now.toEpochMilli()).setParameter("by", clip(by, 320)).setParameter("why", clip(why, 300))
                .setParameter("h", hash(sessionId)).executeUpdate()) == 1;
    }

    /** Ends every session of {@code operator} ({@code <tenant id>:<object id>}, lower-cased); how many it ended. */
    public int endAll(String operator, Instant now, String by, String why) throws FailureException {
        return db.transaction(em -> em.createQuery("UPDATE SessionRow s SET s.revokedMillis = :now, s.revokedBy = :by, "
                        + "s.revokedWhy = :why WHERE s.operator = :op AND s.revokedMillis IS NULL")
                .setParameter("now", now.toEpochMilli()).setParameter("by", clip(by, 320)).setParameter("why", clip(why, 300))
                .setParameter("op", operator).executeUpdate());
    }

    /**
     * The sessions not ended, last used at or after {@code usedSince} and started at or after {@code startedSince}
     * (so none past its idle timeout or cap), most recently used first; at most {@link #LISTED}.
     */
    public List<StoredSession> active(Instant usedSince, Instant startedSince) throws FailureException {
        return db.transaction(em -> em.createQuery("SELECT s FROM SessionRow s WHERE s.revokedMillis IS NULL "
                        + "AND s.lastUsedMillis >= :used AND s.createdMillis >= :started ORDER BY s.lastUsedMillis DESC",
                        SessionRow.class)
                .setParameter("used", usedSince.toEpochMilli()).setParameter("started", startedSince.toEpochMilli())
                .setMaxResults(LISTED).getResultList().stream().map(SessionRow::stored).toList());
    }

    /** Deletes the rows of sessions started before {@code cutoff} (long past any cap); how many. */
    public int prune(Instant cutoff) throws FailureException {
        return db.transaction(em -> em.createQuery("DELETE FROM SessionRow s WHERE s.createdMillis < :cutoff")
                .setParameter("cutoff", cutoff.toEpochMilli()).executeUpdate());
    }

    static String hash(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
