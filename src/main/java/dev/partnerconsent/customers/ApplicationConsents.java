package dev.partnerconsent.customers;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.ApiAnswer;
import dev.partnerconsent.entra.Redeemed;
import dev.partnerconsent.entra.TokenRedemption;
import dev.partnerconsent.lifecycle.AccessCheck;
import dev.partnerconsent.lifecycle.ManagedExecutors;
import dev.partnerconsent.lifecycle.Pacer;
import dev.partnerconsent.lifecycle.TokenRotation;
import dev.partnerconsent.settings.ConsentSettings.CustomerApp;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.NodeName;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.CurrentToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Application consents into the partner's customers, as the Partner Center sample's CPV console creates them, as a
 * service: for each customer a pre-check from its GDAP summary says "will fail because…" without calling anything;
 * otherwise {@code POST /v1/customers/{id}/applicationconsents}, and when Partner Center answers 409 (consented
 * already) the consent is left as it is if its grants are the configured ones, else deleted and created again. Then a
 * token is redeemed in the customer's tenant to prove the consent works. Calls are paced at
 * {@code partnerconsent.customer-consent.per-second}; a 429 is waited out as its {@code Retry-After} asks, a few times.
 * Every customer's outcome is an audit row, a run-history outcome and the customer's last consent outcome.
 */
@ApplicationScoped
public class ApplicationConsents {

    private static final Logger LOG = Logger.getLogger(ApplicationConsents.class.getName());
    /** How long a 429's Retry-After may make one customer wait, and how often. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    static final int MAX_THROTTLED = 3;
    /** The customer-tenant token that proves a consent works: Graph, which every grant list can reach. */
    static final Scope PROOF_SCOPE = new Scope(AccessCheck.GRAPH_SCOPE);
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private final CustomerDirectory directory;
    private final CustomerCalls calls;
    private final TokenRotation rotation;
    private final TokenRedemption redemption;
    private final Settings settings;
    private final AuditTrail audit;
    private final RunHistory history;
    private final ManagedExecutors executors;
    private final Clock clock;
    private final Map<String, ConsentRun> running = new ConcurrentHashMap<>();

    @Inject
    public ApplicationConsents(CustomerDirectory directory, CustomerCalls calls, TokenRotation rotation,
                               TokenRedemption redemption, Settings settings, AuditTrail audit, RunHistory history,
                               ManagedExecutors executors, Clock clock) {
        this.directory = directory;
        this.calls = calls;
        this.rotation = rotation;
        this.redemption = redemption;
        this.settings = settings;
        this.audit = audit;
        this.history = history;
        this.executors = executors;
        this.clock = clock;
    }

    protected ApplicationConsents() {
        this(null, null, null, null, null, null, null, null, null);
    }

    /** The configured applications to consent in customers; the first is the default. */
    public List<CustomerApp> apps() {
        return settings.get().customers().apps();
    }

    /** The application named, or the first configured one. */
    public CustomerApp app(Optional<String> applicationId) throws FailureException {
        List<CustomerApp> apps = apps();
        if (apps.isEmpty()) {
            throw new FailureException(FailureCode.CUSTOMER_APP_UNKNOWN, "No application is configured to consent in "
                    + "customers: set partnerconsent.customer-apps (or partnerconsent.client-id for this app).");
        }
        if (applicationId.isEmpty() || applicationId.get().isBlank()) {
            return apps.get(0);
        }
        String wanted = applicationId.get().strip().toLowerCase(Locale.ROOT);
        return apps.stream().filter(a -> a.applicationId().equals(wanted)).findFirst()
                .orElseThrow(() -> new FailureException(FailureCode.CUSTOMER_APP_UNKNOWN, "Application '"
                        + (wanted.length() > 40 ? wanted.substring(0, 40) + "…" : wanted)
                        + "' is not listed in partnerconsent.customer-apps."));
    }

    /** "Will fail because…": why a consent into this customer cannot succeed, judged from its GDAP summary alone. */
    public static Optional<Failure> precheck(Customer c) {
        GdapSummary g = c.gdap();
        if (g.noActive()) {
            return Optional.of(Failure.of(FailureCode.GDAP_NO_ACTIVE_RELATIONSHIP, "Will fail because the partner has no "
                    + "active GDAP relationship with " + c.companyName() + " (" + (g.relationships() == 0 ? "none at all"
                    : "the latest is " + g.status()) + ")."));
        }
        if (g.rolesInsufficient()) {
            return Optional.of(Failure.of(FailureCode.GDAP_ROLES_INSUFFICIENT, "Will fail because the partner's groups hold "
                    + (g.roles().isEmpty() ? "no role" : "only " + String.join(", ", g.roles().stream().map(GdapRoles::name).toList()))
                    + " in " + c.companyName() + "; creating an application consent needs Cloud Application Administrator, "
                    + "Application Administrator, Privileged Role Administrator or Global Administrator."));
        }
        return Optional.empty();
    }

    /** Consents the application in one customer now, as a run of one, and answers its outcome. */
    public CustomerConsentOutcome consentOne(TenantId partner, String customerId, Optional<String> applicationId, String who)
            throws FailureException {
        CustomerApp app = app(applicationId);
        Customer customer = directory.customer(partner.value(), customerId).orElseThrow(() -> new FailureException(
                FailureCode.CUSTOMER_NOT_FOUND, "Customer " + shorten(customerId) + " is not among the cached customers of tenant "
                        + partner + "; refresh the customers first."));
        Session session = begin(partner, app, 1, who);
        try {
            return consentIn(session, customer, true);
        } finally {
            finish(session);
        }
    }

    /**
     * Starts consenting the application in the given customers (all cached customers of the partner when none are
     * given), in the background; customers not in the cache are recorded as {@code customer-not-found}.
     */
    public ConsentRun start(TenantId partner, List<String> customerIds, Optional<String> applicationId, String who)
            throws FailureException {
        CustomerApp app = app(applicationId);
        List<String> ids = customerIds.isEmpty()
                ? directory.customerIds(partner.value())
                : customerIds.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        Session session = begin(partner, app, ids.size(), who);
        try {
            CompletableFuture.runAsync(() -> sweep(session, ids), executors.scheduler());
        } catch (RejectedExecutionException e) {
            finish(session);
            throw new FailureException(FailureCode.INTERNAL, "The consent run could not be started: the server has no thread for it.");
        }
        return session.report();
    }

    /** The run going on for the partner, or the last one this node ran. */
    public Optional<ConsentRun> run(TenantId partner) {
        return Optional.ofNullable(running.get(partner.value()));
    }

    private void sweep(Session session, List<String> ids) {
        for (String id : ids) {
            try {
                Optional<Customer> customer = directory.customer(session.partner.value(), id);
                if (customer.isEmpty()) {
                    record(session, new CustomerConsentOutcome(id, id, "", session.app.applicationId(),
                            FailureCode.CUSTOMER_NOT_FOUND.code(), "Not among the cached customers of tenant " + session.partner + "."));
                    continue;
                }
                consentIn(session, customer.get(), false);
            } catch (FailureException e) {
                record(session, new CustomerConsentOutcome(id, id, "", session.app.applicationId(), e.failure().code(),
                        e.failure().detail()));
            } catch (RuntimeException e) {
                LOG.severe(() -> "Consent into customer " + id + " met an unexpected " + e.getClass().getName());
                record(session, new CustomerConsentOutcome(id, id, "", session.app.applicationId(), FailureCode.INTERNAL.code(),
                        "Unexpected " + e.getClass().getSimpleName()));
            }
        }
        finish(session);
    }

    private Session begin(TenantId partner, CustomerApp app, int customers, String who) throws FailureException {
        double rate = settings.get().customers().consentsPerSecond();
        Session session = new Session(UUID.randomUUID().toString(), partner, app, "application-consent (" + who + ")", who,
                new Pacer(rate), rate, customers, clock.instant());
        ConsentRun report = session.report();
        ConsentRun before = running.compute(partner.value(), (k, v) -> v != null && v.running() ? v : report);
        if (before != report) {
            throw new FailureException(FailureCode.CUSTOMER_CONSENT_BUSY, "Run " + before.id() + " (started by "
                    + before.trigger() + " at " + before.startedAt() + ") is consenting customers of tenant " + partner + ".");
        }
        try {
            history.begin(session.id, Optional.of(partner.value()), session.trigger, NodeName.get());
        } catch (FailureException e) {
            running.remove(partner.value(), report);
            throw e;
        }
        LOG.info(() -> "Application consent run " + session.id + " of " + app.applicationId() + " into " + customers
                + " customers of tenant " + partner + " started by " + who);
        return session;
    }

    private void finish(Session session) {
        session.ended = clock.instant();
        try {
            history.finish(session.id, Optional.empty());
        } catch (FailureException e) {
            LOG.warning(() -> "Consent run " + session.id + " could not be recorded as ended: " + e.failure().code());
        }
        running.put(session.partner.value(), session.report());
        LOG.info(() -> "Application consent run " + session.id + " ended: " + session.ok + " consented, " + session.failed
                + " failed, in " + Duration.between(session.started, session.ended));
    }

    private CustomerConsentOutcome consentIn(Session session, Customer customer, boolean one) throws FailureException {
        String app = session.app.applicationId();
        Optional<Failure> refused = precheck(customer);
        if (refused.isPresent()) {
            return record(session, new CustomerConsentOutcome(customer.customerId(), customer.tenantId(), customer.companyName(),
                    app, refused.get().code(), refused.get().detail()));
        }
        AccessToken token = session.partnerCenterToken(this);
        ApiAnswer created = post(session, customer, token);
        String code;
        String detail;
        if (created.success()) {
            code = "created";
            detail = "Partner Center created the consent (HTTP " + created.status() + ").";
        } else if (created.status() == 409) {
            session.pacer.acquire();
            Optional<List<String>> held = calls.consentedGrants(token, customer.customerId(), app);
            if (held.isPresent() && held.get().equals(configuredGrants(session.app))) {
                code = "unchanged";
                detail = "Already consented with these grants; left as it is.";
            } else {
                session.pacer.acquire();
                ApiAnswer deleted = calls.deleteConsent(token, customer.customerId(), app);
                if (!deleted.success() && deleted.status() != 404) {
                    return record(session, failed(customer, app, deleted, "DELETE"));
                }
                ApiAnswer again = post(session, customer, token);
                if (!again.success()) {
                    return record(session, failed(customer, app, again, "POST"));
                }
                code = "replaced";
                detail = "The grants had changed: the consent was deleted and created again.";
            }
        } else {
            return record(session, failed(customer, app, created, "POST"));
        }
        try {
            Redeemed proof = redemption.redeem(customer.tenantId(), session.currentToken(this).token(), PROOF_SCOPE);
            detail += " A token of the customer's tenant was obtained (" + proof.scope() + ", expires " + proof.expiresAt() + ").";
        } catch (FailureException e) {
            return record(session, new CustomerConsentOutcome(customer.customerId(), customer.tenantId(), customer.companyName(),
                    app, FailureCode.CUSTOMER_TOKEN_FAILED.code(), "The consent is in place, but no token of the customer's "
                    + "tenant could be obtained: " + e.failure().code() + ": " + e.failure().detail()));
        }
        return record(session, new CustomerConsentOutcome(customer.customerId(), customer.tenantId(), customer.companyName(), app,
                code, detail));
    }

    /** POST, paced; a 429 is waited out as asked (bounded), a few times. */
    private ApiAnswer post(Session session, Customer customer, AccessToken token) throws FailureException {
        ApiAnswer a = null;
        for (int attempt = 0; attempt <= MAX_THROTTLED; attempt++) {
            session.pacer.acquire();
            a = calls.createConsent(token, customer.customerId(), session.app);
            if (a.status() != 429 || attempt == MAX_THROTTLED) {
                return a;
            }
            Duration wait = a.retryAfter().filter(d -> d.compareTo(MAX_RETRY_AFTER) <= 0).orElse(Duration.ofSeconds(1));
            LockSupport.parkNanos(wait.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return a;
            }
        }
        return a;
    }

    private static List<String> configuredGrants(CustomerApp app) {
        return app.grants().stream().map(g -> CustomerCalls.grantKey(g.resourceAppId(), g.scope())).sorted().toList();
    }

    private static CustomerConsentOutcome failed(Customer c, String app, ApiAnswer a, String method) {
        String said = "Partner Center answered " + method + " /v1/customers/{id}/applicationconsents with HTTP " + a.status()
                + ": " + a.description().orElse(a.excerpt());
        FailureCode code = switch (a.status()) {
            case 403 -> FailureCode.CUSTOMER_CONSENT_FORBIDDEN;
            case 404 -> FailureCode.CUSTOMER_NOT_FOUND;
            case 429 -> FailureCode.CUSTOMER_CONSENT_THROTTLED;
            default -> FailureCode.CUSTOMER_CONSENT_REFUSED;
        };
        String failure = a.mfaRequired() ? dev.partnerconsent.entra.MicrosoftApis.MFA_REQUIRED : code.code();
        return new CustomerConsentOutcome(c.customerId(), c.tenantId(), c.companyName(), app, failure, said);
    }

    private CustomerConsentOutcome record(Session session, CustomerConsentOutcome o) {
        if (o.ok()) {
            session.ok++;
        } else {
            session.failed++;
        }
        audit.record(new AuditEvent(o.ok() ? AuditKind.CUSTOMER_CONSENTED : AuditKind.CUSTOMER_CONSENT_FAILED, session.who,
                Optional.of(session.partner.value()), Optional.of("customer " + o.tenantId()),
                "app=" + o.applicationId() + " outcome=" + o.code() + " run=" + session.id + ": " + o.detail()));
        try {
            if (history.claim(session.id, o.tenantId(), Optional.empty())) {
                history.complete(session.id, o.tenantId(), o.ok() ? "ok" : o.code(), false, o.code() + ": " + o.detail(),
                        Optional.empty(), 0);
            }
        } catch (FailureException e) {
            LOG.warning(() -> "Outcome of customer " + o.tenantId() + " in run " + session.id + " not recorded: " + e.failure().code());
        }
        directory.recordConsent(session.partner.value(), o.customerId(), o.code(), o.detail());
        return o;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** One run's state; its counters are touched by its one thread. */
    private static final class Session {
        final String id;
        final TenantId partner;
        final CustomerApp app;
        final String trigger;
        final String who;
        final Pacer pacer;
        final double rate;
        final int customers;
        final Instant started;
        volatile Instant ended;
        volatile int ok;
        volatile int failed;
        private Redeemed partnerCenter;
        private CurrentToken current;

        Session(String id, TenantId partner, CustomerApp app, String trigger, String who, Pacer pacer, double rate,
                int customers, Instant started) {
            this.id = id;
            this.partner = partner;
            this.app = app;
            this.trigger = trigger;
            this.who = who;
            this.pacer = pacer;
            this.rate = rate;
            this.customers = customers;
            this.started = started;
        }

        /** Partner Center's token of the partner, redeemed once per run and again shortly before it expires. */
        AccessToken partnerCenterToken(ApplicationConsents c) throws FailureException {
            if (partnerCenter == null || partnerCenter.expiresAt().isBefore(c.clock.instant().plus(TOKEN_MARGIN))) {
                partnerCenter = c.rotation.redeemAndStore(partner, new Scope(AccessCheck.PARTNER_CENTER_SCOPE),
                        Pacer.unpaced(), who).redeemed();
                current = null;
            }
            return partnerCenter.accessToken();
        }

        /** The partner's stored token as the last rotation left it, read once per rotation. */
        CurrentToken currentToken(ApplicationConsents c) throws FailureException {
            if (current == null) {
                current = c.rotation.current(partner, Pacer.unpaced());
            }
            return current;
        }

        ConsentRun report() {
            return new ConsentRun(id, partner.value(), app.applicationId(), trigger, started, customers, rate,
                    Optional.ofNullable(ended), ok, failed);
        }
    }
}
