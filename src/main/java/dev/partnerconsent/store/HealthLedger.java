package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.health.ConsentHealth;
import dev.partnerconsent.health.HealthRules;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every stored consent's health, kept in the database so the dashboard counts, pages and searches 10,000 consents with
 * indexed queries and never reads the vault, let alone a secret value. Written on each consent stored, keep-alive
 * outcome, access check and token use ({@link #record}); a consent whose secret is gone keeps its row, marked so.
 * <p>
 * A row holds the facts ({@link ConsentFacts}) and the state {@link HealthRules} gave when it was written. States that
 * time alone changes (expiring within 14 days, dead after 90 idle days) are applied by the queries from the row's
 * re-consent-by date, so every answer is as of the moment asked and no row needs rewriting for time to pass.
 */
@ApplicationScoped
public class HealthLedger {

    private static final int WRITE_ATTEMPTS = 2;
    private static final Duration WEEK = Duration.ofDays(7);

    private final Database db;
    private final Clock clock;

    @Inject
    public HealthLedger(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    protected HealthLedger() {
        this(null, null);
    }

    /**
     * Writes what a consent taught (insert or update) and the health it gives.
     *
     * @param displayName the partner's name as the consent learned it (Partner Center's profile); empty keeps the stored
     *                    one
     */
    public HealthChange record(TenantId tenant, Optional<String> displayName, ConsentFacts facts) throws FailureException {
        return write(tenant, true, row -> {
            displayName.filter(n -> !n.isBlank()).ifPresent(row::name);
            row.facts(facts);
        }).orElseThrow();
    }

    /**
     * Writes what the vault shows of a consent (insert or update), as keep-alive, access checks and token use see it.
     *
     * @param nameHint a name to give the consent when the ledger has none for it yet (e.g. the consenting admin's
     *                 domain); a known name is kept
     */
    public HealthChange observe(TenantId tenant, Optional<String> nameHint, ConsentFacts facts) throws FailureException {
        return write(tenant, true, row -> {
            if (row.displayName.equals(row.tenantId)) {
                nameHint.filter(n -> !n.isBlank()).ifPresent(row::name);
            }
            row.facts(facts);
        }).orElseThrow();
    }

    /**
     * Adds a consent the ledger does not know yet (a consent stored before the ledger existed); a known one is left
     * as it is, so an older listing never overwrites what a newer event wrote.
     *
     * @return the row added, or empty when the tenant had one
     */
    public Optional<HealthChange> recordIfAbsent(TenantId tenant, Optional<String> displayName, ConsentFacts facts)
            throws FailureException {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.transaction(em -> {
                    if (em.find(HealthRow.class, tenant.value()) != null) {
                        return Optional.<HealthChange>empty();
                    }
                    Instant now = clock.instant();
                    HealthRow row = new HealthRow(tenant.value());
                    displayName.ifPresent(row::name);
                    row.facts(facts);
                    row.health(HealthRules.assess(facts, now), now);
                    em.persist(row);
                    em.flush();
                    return Optional.of(new HealthChange(Optional.empty(), entry(row, now)));
                });
            } catch (FailureException e) {
                // another node added it at the same moment: it is known now
                if (attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Records an attempt's outcome on a consent the ledger knows, keeping its other facts; used where no current
     * version can be read (e.g. {@code consent-not-found}: the secret was deleted, disabled or purged).
     *
     * @return the change, or empty when the tenant has no row
     */
    public Optional<HealthChange> outcome(TenantId tenant, String code, boolean needsReconsent) throws FailureException {
        Instant at = clock.instant();
        return write(tenant, false, row -> {
            ConsentFacts f = row.facts();
            row.facts(new ConsentFacts(f.lastIssuedAt(), f.mfa(), Optional.of(code), Optional.of(at), f.lastRefreshedAt(),
                    needsReconsent || f.needsReconsent()));
        });
    }

    /**
     * The tenants whose rows were last written before {@code before} (ids only: 10,000 of them are a few hundred
     * kilobytes): what a listing that began then can speak for.
     */
    public java.util.Set<String> tenantIdsWrittenBefore(Instant before) throws FailureException {
        return db.transaction(em -> new java.util.HashSet<>(em.createQuery(
                        "select h.tenantId from HealthRow h where h.updatedMillis < :before", String.class)
                .setParameter("before", before.toEpochMilli()).getResultList()));
    }

    /** One consent's row, as of now. */
    public Optional<HealthEntry> get(TenantId tenant) throws FailureException {
        Instant now = clock.instant();
        return db.transaction(em -> Optional.ofNullable(em.find(HealthRow.class, tenant.value())).map(r -> entry(r, now)));
    }

    /** How many consents are in each state now; every state is present, zero included. */
    public Map<HealthState, Long> countsByState() throws FailureException {
        Instant now = clock.instant();
        return db.transaction(em -> {
            Map<HealthState, Long> counts = new EnumMap<>(HealthState.class);
            for (HealthState s : HealthState.values()) {
                TypedQuery<Long> q = em.createQuery("select count(h) from HealthRow h where " + StateFilter.of(s).where,
                        Long.class);
                StateFilter.bind(q, now);
                counts.put(s, q.getSingleResult());
            }
            return counts;
        });
    }

    /**
     * How many consents must be consented again in each of the {@code weeks} weeks from {@code from} (week 0 is
     * [from, from + 7 days)); consents already past their date are not in it ({@link HealthState#NEEDS_RECONSENT}
     * counts them).
     */
    public List<WeekCount> reconsentByWeeks(Instant from, int weeks) throws FailureException {
        int n = Math.max(0, Math.min(weeks, 520));
        return db.transaction(em -> {
            List<WeekCount> counts = new ArrayList<>(n);
            TypedQuery<Long> q = em.createQuery("select count(h) from HealthRow h where h.reconsentByMillis >= :from"
                    + " and h.reconsentByMillis < :to", Long.class);
            for (int w = 0; w < n; w++) {
                Instant start = from.plus(WEEK.multipliedBy(w));
                q.setParameter("from", start.toEpochMilli()).setParameter("to", start.plus(WEEK).toEpochMilli());
                counts.add(new WeekCount(start, q.getSingleResult()));
            }
            return counts;
        });
    }

    /**
     * One page of consents, soonest re-consent-by date first.
     *
     * @param text  matches the start of the tenant id or any part of the display name, case-insensitively; blank
     *              matches all
     * @param state only consents in this state now, when given
     */
    public Paged<HealthEntry> page(String text, Optional<HealthState> state, int page, int size) throws FailureException {
        int pageSize = Paged.size(size);
        int pageNo = Math.max(0, page);
        String term = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (term.length() > 256) {
            term = term.substring(0, 256);
        }
        List<String> conditions = new ArrayList<>();
        state.ifPresent(s -> conditions.add(StateFilter.of(s).where));
        if (!term.isEmpty()) {
            conditions.add("(h.tenantId like :prefix escape '\\' or h.nameLower like :contains escape '\\')");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        String like = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        Instant now = clock.instant();
        return db.transaction(em -> {
            TypedQuery<Long> count = em.createQuery("select count(h) from HealthRow h" + where, Long.class);
            TypedQuery<HealthRow> rows = em.createQuery("select h from HealthRow h" + where
                    + " order by h.reconsentByMillis, h.tenantId", HealthRow.class);
            for (TypedQuery<?> q : List.of(count, rows)) {
                StateFilter.bind(q, now);
                if (!like.isEmpty()) {
                    q.setParameter("prefix", like + "%").setParameter("contains", "%" + like + "%");
                }
            }
            List<HealthEntry> items = rows.setFirstResult(pageNo * pageSize).setMaxResults(pageSize).getResultList()
                    .stream().map(r -> entry(r, now)).toList();
            return new Paged<>(items, pageNo, pageSize, count.getSingleResult());
        });
    }

    /**
     * Consents whose re-consent-by date falls in [{@code from}, {@code to}), soonest first, at most {@code limit}: what
     * a daily sweep alerts about as the date comes near.
     */
    public List<HealthEntry> reconsentByBetween(Instant from, Instant to, int limit) throws FailureException {
        Instant now = clock.instant();
        return db.transaction(em -> em.createQuery("select h from HealthRow h where h.reconsentByMillis >= :from"
                        + " and h.reconsentByMillis < :to order by h.reconsentByMillis, h.tenantId", HealthRow.class)
                .setParameter("from", from.toEpochMilli()).setParameter("to", to.toEpochMilli())
                .setMaxResults(Math.max(1, limit)).getResultList().stream().map(r -> entry(r, now)).toList());
    }

    /** Edits a row in one transaction, retried once when another node inserted the same tenant's row meanwhile. */
    private Optional<HealthChange> write(TenantId tenant, boolean create, java.util.function.Consumer<HealthRow> edit)
            throws FailureException {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.transaction(em -> write(em, tenant, create, edit));
            } catch (FailureException e) {
                if (attempt == WRITE_ATTEMPTS || !FailureCode.DATABASE_UNAVAILABLE.code().equals(e.failure().code())) {
                    throw e;
                }
            }
        }
    }

    private Optional<HealthChange> write(EntityManager em, TenantId tenant, boolean create,
                                         java.util.function.Consumer<HealthRow> edit) {
        Instant now = clock.instant();
        HealthRow row = em.find(HealthRow.class, tenant.value());
        if (row == null && !create) {
            return Optional.empty();
        }
        Optional<HealthState> before = Optional.ofNullable(row).map(r -> HealthRules.assess(r.facts(), now).state());
        if (row == null) {
            row = new HealthRow(tenant.value());
            edit.accept(row);
            row.health(HealthRules.assess(row.facts(), now), now);
            em.persist(row);
            em.flush();
        } else {
            edit.accept(row);
            row.health(HealthRules.assess(row.facts(), now), now);
        }
        return Optional.of(new HealthChange(before, entry(row, now)));
    }

    private static HealthEntry entry(HealthRow r, Instant now) {
        ConsentFacts facts = r.facts();
        ConsentHealth health = HealthRules.assess(facts, now);
        return new HealthEntry(r.tenantId, r.displayName, health, facts, Instant.ofEpochMilli(r.updatedMillis));
    }

    /**
     * A state as a JPQL condition on the stored state and the re-consent-by date, mirroring {@link HealthRules}'
     * order: past the date is {@code needs-reconsent} whatever was stored; MFA missing and failing stay as stored;
     * within 14 days of it is {@code expiring}; beyond that, never refreshed or healthy as stored.
     */
    private enum StateFilter {
        NEEDS("(h.state = 'needs-reconsent' or h.reconsentByMillis <= :now)"),
        MFA("(h.state = 'mfa-missing' and h.reconsentByMillis > :now)"),
        FAILING("(h.state = 'failing' and h.reconsentByMillis > :now)"),
        EXPIRING("(h.state in ('expiring', 'never-refreshed', 'healthy') and h.reconsentByMillis > :now"
                + " and h.reconsentByMillis <= :band)"),
        NEVER("(h.state = 'never-refreshed' and h.reconsentByMillis > :band)"),
        HEALTHY("(h.state = 'healthy' and h.reconsentByMillis > :band)");

        final String where;

        StateFilter(String where) {
            this.where = where;
        }

        static StateFilter of(HealthState s) {
            return switch (s) {
                case NEEDS_RECONSENT -> NEEDS;
                case MFA_MISSING -> MFA;
                case FAILING -> FAILING;
                case EXPIRING -> EXPIRING;
                case NEVER_REFRESHED -> NEVER;
                case HEALTHY -> HEALTHY;
            };
        }

        static void bind(TypedQuery<?> q, Instant now) {
            for (var p : q.getParameters()) {
                if ("now".equals(p.getName())) {
                    q.setParameter("now", now.toEpochMilli());
                } else if ("band".equals(p.getName())) {
                    q.setParameter("band", now.plus(HealthRules.EXPIRING_BAND).toEpochMilli());
                }
            }
        }
    }
}
