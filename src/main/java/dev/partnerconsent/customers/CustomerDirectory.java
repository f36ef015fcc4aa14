package dev.partnerconsent.customers;

import com.nimbusds.oauth2.sdk.Scope;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.lifecycle.AccessCheck;
import dev.partnerconsent.lifecycle.ManagedExecutors;
import dev.partnerconsent.lifecycle.Pacer;
import dev.partnerconsent.lifecycle.TokenRotation;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.Database;
import dev.partnerconsent.store.Paged;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * The partner's customers, cached in the database: a refresh lists them from Partner Center with the partner's stored
 * consent, reads the GDAP relationships from Graph, and writes one row per customer (a customer no longer listed is
 * dropped). Pages and the API read the cache; one refresh per partner runs at a time on a node.
 */
@ApplicationScoped
public class CustomerDirectory {

    private static final Logger LOG = Logger.getLogger(CustomerDirectory.class.getName());
    private static final int BATCH = 500;

    private final TokenRotation rotation;
    private final CustomerCalls calls;
    private final Database db;
    private final AuditTrail audit;
    private final ManagedExecutors executors;
    private final GdapAlerts alerts;
    private final Clock clock;
    private final Map<String, RefreshState> refreshes = new ConcurrentHashMap<>();

    @Inject
    public CustomerDirectory(TokenRotation rotation, CustomerCalls calls, Database db, AuditTrail audit,
                             ManagedExecutors executors, GdapAlerts alerts, Clock clock) {
        this.rotation = rotation;
        this.calls = calls;
        this.db = db;
        this.audit = audit;
        this.executors = executors;
        this.alerts = alerts;
        this.clock = clock;
    }

    protected CustomerDirectory() {
        this(null, null, null, null, null, null, null);
    }

    /**
     * Starts refreshing the partner's customers in the background.
     *
     * @throws FailureException {@code customers-refresh-busy} while a refresh of this partner goes on
     */
    public RefreshState startRefresh(TenantId partner, String who) throws FailureException {
        RefreshState state = begin(partner, who);
        try {
            CompletableFuture.runAsync(() -> run(state, who), executors.scheduler());
        } catch (RejectedExecutionException e) {
            refreshes.put(partner.value(), state.ended(clock.instant(), FailureCode.INTERNAL.code(), 0, "Not started: no thread."));
            throw new FailureException(FailureCode.INTERNAL, "The refresh could not be started: the server has no thread for it.");
        }
        return state;
    }

    /** Refreshes on the calling thread and answers how it ended. */
    public RefreshState refreshNow(TenantId partner, String who) throws FailureException {
        return run(begin(partner, who), who);
    }

    public Optional<RefreshState> refreshState(TenantId partner) {
        return Optional.ofNullable(refreshes.get(partner.value()));
    }

    private RefreshState begin(TenantId partner, String who) throws FailureException {
        RefreshState started = new RefreshState(partner.value(), who, clock.instant(), Optional.empty(), Optional.empty(), 0, "");
        RefreshState before = refreshes.compute(partner.value(), (k, v) -> v != null && v.running() ? v : started);
        if (before != started) {
            throw new FailureException(FailureCode.CUSTOMERS_REFRESH_BUSY, "The customers of tenant " + partner
                    + " are being refreshed since " + before.startedAt() + " (by " + before.trigger() + ").");
        }
        return started;
    }

    private RefreshState run(RefreshState state, String who) {
        TenantId partner = TenantId.parse(state.partnerTenantId()).orElseThrow();
        RefreshState ended;
        try {
            var pc = rotation.redeemAndStore(partner, new Scope(AccessCheck.PARTNER_CENTER_SCOPE), Pacer.unpaced(), who);
            List<ListedCustomer> listed = calls.customers(pc.redeemed().accessToken());
            var graph = rotation.redeemAndStore(partner, new Scope(AccessCheck.GRAPH_SCOPE), Pacer.unpaced(), who);
            List<GdapRelationship> relationships = calls.relationships(graph.redeemed().accessToken(), Optional.empty());
            store(partner.value(), listed, relationships, state.startedAt());
            FlagCounts counts = flagCounts(Optional.of(partner.value()));
            String detail = listed.size() + " customers, " + relationships.size() + " GDAP relationships; "
                    + counts.noActiveRelationship() + " without an active one, " + counts.endsWithin30Days() + " ending within 30 days, "
                    + counts.globalAdministrator() + " with Global Administrator, " + counts.rolesInsufficient()
                    + " whose roles cannot consent an application.";
            ended = state.ended(clock.instant(), "ok", listed.size(), detail);
            audit.record(AuditEvent.of(AuditKind.CUSTOMERS_REFRESHED, who, partner.value(), detail));
            alerts.raise(partner, counts, flag -> examples(partner.value(), flag));
        } catch (FailureException e) {
            ended = state.ended(clock.instant(), e.failure().code(), 0, e.failure().detail());
            audit.record(AuditEvent.of(AuditKind.CUSTOMERS_REFRESH_FAILED, who, partner.value(), e.failure().code() + ": "
                    + e.failure().detail()));
            LOG.warning(() -> "Customers of tenant " + partner + " not refreshed: " + e.failure().code());
        } catch (RuntimeException e) {
            ended = state.ended(clock.instant(), FailureCode.INTERNAL.code(), 0, "Unexpected " + e.getClass().getSimpleName());
            LOG.severe(() -> "Customers of tenant " + partner + " not refreshed: unexpected " + e.getClass().getName());
        }
        refreshes.put(partner.value(), ended);
        return ended;
    }

    /** A few names of the partner's customers carrying {@code flag}, for an alert; none when they cannot be read. */
    private List<String> examples(String partner, GdapFlag flag) {
        try {
            return search(Optional.of(partner), "", Optional.of(flag), 0, GdapAlerts.EXAMPLES).items().stream()
                    .map(Customer::companyName).toList();
        } catch (FailureException e) {
            return List.of();
        }
    }

    /** Writes the listing in batches; customers not listed this time are dropped. */
    void store(String partner, List<ListedCustomer> listed, List<GdapRelationship> relationships, Instant started)
            throws FailureException {
        Map<String, List<GdapRelationship>> byTenant = new HashMap<>();
        relationships.forEach(r -> byTenant.computeIfAbsent(r.customerTenantId(), k -> new ArrayList<>()).add(r));
        Instant now = clock.instant();
        // stamped with the refresh's start: what an earlier refresh listed is older and goes unless listed again
        long at = started.toEpochMilli();
        for (int from = 0; from < listed.size(); from += BATCH) {
            List<ListedCustomer> batch = listed.subList(from, Math.min(listed.size(), from + BATCH));
            db.transaction(em -> {
                Map<String, CustomerRow> existing = new HashMap<>();
                em.createQuery("select c from CustomerRow c where c.id in :ids", CustomerRow.class)
                        .setParameter("ids", batch.stream().map(c -> CustomerRow.key(partner, c.id())).toList())
                        .getResultList().forEach(r -> existing.put(r.id, r));
                for (ListedCustomer c : batch) {
                    CustomerRow row = existing.get(CustomerRow.key(partner, c.id()));
                    boolean fresh = row == null;
                    if (fresh) {
                        row = new CustomerRow(partner, c.id());
                    }
                    row.listed(c, at);
                    row.gdap(GdapSummary.of(byTenant.getOrDefault(c.tenantId(), List.of()), now));
                    if (fresh) {
                        em.persist(row);
                    }
                }
                return null;
            });
        }
        db.transaction(em -> em.createQuery("delete from CustomerRow c where c.partnerTenantId = :p and c.listedMillis < :at")
                .setParameter("p", partner).setParameter("at", started.toEpochMilli()).executeUpdate());
    }

    /**
     * Cached customers, by company name.
     *
     * @param partner a partner tenant, or every partner
     * @param search  part of the company name, domain or tenant id, any case; blank: all
     * @param flag    only customers carrying this flag, if given
     */
    public Paged<Customer> search(Optional<String> partner, String search, Optional<GdapFlag> flag, int page, int size)
            throws FailureException {
        int pageSize = Paged.size(size);
        int pageNo = Math.max(0, page);
        // LOCATE, not LIKE: the text is taken literally (no wildcards to escape) and the statement stays bound
        String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<String> clauses = new ArrayList<>();
        if (!text.isEmpty()) {
            clauses.add("locate(:q, c.searchText) > 0");
        }
        partner.ifPresent(p -> clauses.add("c.partnerTenantId = :p"));
        flag.ifPresent(f -> clauses.add("c." + f.field() + " = :flag"));
        String where = clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
        return db.transaction(em -> {
            TypedQuery<Long> count = em.createQuery("select count(c) from CustomerRow c" + where, Long.class);
            TypedQuery<CustomerRow> rows = em.createQuery("select c from CustomerRow c" + where
                    + " order by c.companyName, c.id", CustomerRow.class);
            if (!text.isEmpty()) {
                count.setParameter("q", text);
                rows.setParameter("q", text);
            }
            partner.ifPresent(p -> {
                count.setParameter("p", p);
                rows.setParameter("p", p);
            });
            // bound, not a literal: EclipseLink writes a literal true as 1, which H2 will not compare with a BOOLEAN
            flag.ifPresent(f -> {
                count.setParameter("flag", Boolean.TRUE);
                rows.setParameter("flag", Boolean.TRUE);
            });
            List<Customer> items = rows.setFirstResult(pageNo * pageSize).setMaxResults(pageSize).getResultList()
                    .stream().map(CustomerRow::customer).toList();
            return new Paged<>(items, pageNo, pageSize, count.getSingleResult());
        });
    }

    /** Every cached customer id of the partner, by company name. */
    public List<String> customerIds(String partner) throws FailureException {
        return db.transaction(em -> em.createQuery("select c.customerId from CustomerRow c where c.partnerTenantId = :p"
                + " order by c.companyName, c.id", String.class).setParameter("p", partner).getResultList());
    }

    public Optional<Customer> customer(String partner, String customerId) throws FailureException {
        return db.transaction(em -> Optional.ofNullable(em.find(CustomerRow.class,
                CustomerRow.key(partner, customerId.toLowerCase(Locale.ROOT)))).map(CustomerRow::customer));
    }

    /**
     * How many cached customers carry each GDAP flag, of one partner or of all: the counts for a dashboard and for
     * alerts. Reads only the cache (five counts), never Partner Center or Graph.
     */
    public FlagCounts flagCounts(Optional<String> partner) throws FailureException {
        return db.transaction(em -> new FlagCounts(count(em, partner, Optional.empty()),
                count(em, partner, Optional.of(GdapFlag.NO_ACTIVE)), count(em, partner, Optional.of(GdapFlag.ENDS_SOON)),
                count(em, partner, Optional.of(GdapFlag.GLOBAL_ADMIN)), count(em, partner, Optional.of(GdapFlag.ROLES_INSUFFICIENT))));
    }

    private static long count(EntityManager em, Optional<String> partner, Optional<GdapFlag> flag) {
        List<String> where = new ArrayList<>();
        partner.ifPresent(p -> where.add("c.partnerTenantId = :p"));
        flag.ifPresent(f -> where.add("c." + f.field() + " = :flag"));
        TypedQuery<Long> q = em.createQuery("select count(c) from CustomerRow c"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)), Long.class);
        partner.ifPresent(p -> q.setParameter("p", p));
        flag.ifPresent(f -> q.setParameter("flag", Boolean.TRUE));
        return q.getSingleResult();
    }

    /** Keeps the outcome of the last application consent into the customer on its row. */
    void recordConsent(String partner, String customerId, String outcome, String detail) {
        try {
            db.transaction(em -> {
                CustomerRow row = em.find(CustomerRow.class, CustomerRow.key(partner, customerId));
                if (row != null) {
                    row.consented(outcome, detail, clock.millis());
                }
                return null;
            });
        } catch (FailureException e) {
            LOG.warning(() -> "Consent outcome of customer " + customerId + " not kept: " + e.failure().code());
        }
    }
}
