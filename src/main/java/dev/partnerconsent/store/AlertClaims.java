package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * De-duplicates alerts across nodes: an alert is sent only by the one caller whose row for its event, tenant and day
 * (UTC) commits — the key is unique, so a second node's insert fails and it stays silent. The daily sweep is claimed
 * the same way (event {@code sweep}, no tenant).
 */
@ApplicationScoped
public class AlertClaims {

    public static final String SWEEP = "sweep";

    private final Database db;
    private final Clock clock;

    @Inject
    public AlertClaims(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    protected AlertClaims() {
        this(null, null);
    }

    /**
     * Claims the right to raise {@code kind} for {@code tenant} today.
     *
     * @return true for the first claim of the day, false when this or another node made it already
     * @throws FailureException the database cannot be used (then nobody knows: the caller does not send)
     */
    public boolean claim(String kind, Optional<String> tenant) throws FailureException {
        Instant now = clock.instant();
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        String key = kind + "|" + tenant.orElse("-") + "|" + day;
        if (db.transaction(em -> em.find(AlertRow.class, key)) != null) {
            return false;
        }
        try {
            return db.transaction(em -> {
                em.persist(new AlertRow(key, kind, tenant.orElse(null), day, now.toEpochMilli()));
                em.flush();
                return true;
            });
        } catch (FailureException e) {
            // the key exists now (another node's insert committed first), or the database failed: ask again which
            if (db.transaction(em -> em.find(AlertRow.class, key)) != null) {
                return false;
            }
            throw e;
        }
    }

    /** When the last claim of {@code kind} before today's was made, if ever (the daily sweep's previous run). */
    public Optional<Instant> lastBefore(String kind, Instant before) throws FailureException {
        return db.transaction(em -> {
            List<Long> at = em.createQuery("select max(a.atMillis) from AlertRow a where a.kind = :kind and a.atMillis < :before",
                    Long.class).setParameter("kind", kind).setParameter("before", before.toEpochMilli()).getResultList();
            return at.isEmpty() || at.get(0) == null ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at.get(0)));
        });
    }
}
