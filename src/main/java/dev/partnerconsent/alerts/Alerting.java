package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.store.AlertClaims;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.tenant.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Raises alerts: one per event, tenant and day across the cluster ({@link AlertClaims}), rendered with the catalogue's
 * title, the troubleshooting link and the re-consent link on {@code partnerconsent.public-url}, and handed to the
 * {@link AlertDispatcher}. Deliveries run on a small pool of their own (threads from the server's managed thread
 * factory), never on the caller's thread nor on the executors keep-alive uses, so a channel that hangs cannot slow
 * keep-alive; every attempt is a row of the audit trail ({@code alert.sent} / {@code alert.failed}).
 */
@ApplicationScoped
public class Alerting {

    static final int THREADS = 2;
    private static final Logger LOG = Logger.getLogger(Alerting.class.getName());

    private final Settings settings;
    private final FailureCatalogue catalogue;
    private final AlertClaims claims;
    private final AuditTrail audit;
    private final Clock clock;
    @Resource
    private ManagedThreadFactory threads;
    private ScheduledExecutorService pool;
    private java.util.concurrent.ExecutorService testPool;
    private AlertDispatcher dispatcher;

    @Inject
    public Alerting(Settings settings, FailureCatalogue catalogue, AlertClaims claims, AuditTrail audit, Clock clock) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.claims = claims;
        this.audit = audit;
        this.clock = clock;
    }

    protected Alerting() {
        this(null, null, null, null, null);
    }

    private ConsentSettings.AlertValues values() {
        return settings.get().alerts();
    }

    /**
     * Raises an alert unless this event was already raised for the tenant today (here or on another node). Returns at
     * once: delivery happens on the alert pool.
     *
     * @param tenant     the partner tenant, or empty for run-wide events
     * @param tenantName its display name
     * @param cause      the catalogue code behind it, when a failure is
     * @param detail     one sentence: what happened
     * @return whether it was raised now (false: off, no channel, or raised already today)
     */
    public boolean raise(AlertKind kind, Optional<TenantId> tenant, String tenantName, Optional<String> cause, String detail) {
        if (!values().enabled() || dispatcher().channels().isEmpty()) {
            return false;
        }
        try {
            if (!claims.claim(kind.code(), tenant.map(TenantId::value))) {
                return false;
            }
        } catch (FailureException e) {
            LOG.warning(() -> "Alert " + kind.code() + " not raised: whether it was sent today is unknown ("
                    + e.failure().code() + ")");
            return false;
        }
        dispatcher().send(alert(kind, tenant, tenantName, cause, detail));
        return true;
    }

    /**
     * Sends a test alert to every configured channel now, whatever the day's alerts were, and says per channel what
     * happened. Each channel is tried once, at once (not behind queued alerts), for at most its timeout; every answer
     * is audited.
     *
     * @param who the operator asking, for the audit trail
     */
    public List<ChannelAnswer> test(String who) {
        List<AlertChannel> channels = channels(values(), true);
        List<ChannelAnswer> answers = new ArrayList<>();
        if (!values().enabled() || channels.isEmpty()) {
            answers.add(answer("(none)", Optional.of(FailureCode.ALERTS_NOT_CONFIGURED),
                    values().enabled() ? "No channel is configured." : "partnerconsent.alerts.enabled is false."));
        }
        missingMailSession(values()).ifPresent(problem -> answers.add(answer("mail",
                Optional.of(FailureCode.ALERT_MAIL_SESSION_MISSING), problem)));
        if (!values().enabled()) {
            return answers;
        }
        Alert alert = alert(AlertKind.TEST, Optional.empty(), "-", Optional.empty(), "A test alert sent by " + who
                + " from the setup check: this channel works.");
        List<Future<?>> running = new ArrayList<>();
        for (AlertChannel channel : channels) {
            running.add(testPool().submit(() -> {
                channel.deliver(alert);
                return null;
            }));
        }
        long waitMillis = values().timeout().toMillis() + 5_000;
        for (int i = 0; i < channels.size(); i++) {
            AlertChannel channel = channels.get(i);
            ChannelAnswer a;
            try {
                running.get(i).get(waitMillis, TimeUnit.MILLISECONDS);
                a = answer(channel.name(), Optional.empty(), "Delivered.");
            } catch (ExecutionException e) {
                a = e.getCause() instanceof DeliveryFailed f ? answer(channel.name(), Optional.of(f.code()), f.getMessage())
                        : answer(channel.name(), Optional.of(FailureCode.INTERNAL), e.getCause().getClass().getSimpleName());
            } catch (TimeoutException e) {
                running.get(i).cancel(true);
                FailureCode code = channel instanceof MailChannel ? FailureCode.ALERT_MAIL_FAILED : FailureCode.ALERT_WEBHOOK_TIMEOUT;
                a = answer(channel.name(), Optional.of(code), channel.name() + " did not finish within " + waitMillis + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                a = answer(channel.name(), Optional.of(FailureCode.INTERNAL), "Interrupted.");
            }
            answers.add(a);
            audit.record(new AuditEvent(a.delivered() ? AuditKind.ALERT_SENT : AuditKind.ALERT_FAILED, who, Optional.empty(),
                    Optional.of(a.channel()), "test: " + a.code().map(c -> c + ": ").orElse("") + a.detail()));
        }
        return answers;
    }

    private ChannelAnswer answer(String channel, Optional<FailureCode> code, String detail) {
        Optional<Explanation> e = code.flatMap(c -> catalogue.find(c.code()));
        return new ChannelAnswer(channel, code.isEmpty() ? "delivered" : "failed", code.map(FailureCode::code), detail,
                e.map(Explanation::title).orElse(""), e.map(Explanation::fix).orElse(""));
    }

    Alert alert(AlertKind kind, Optional<TenantId> tenant, String tenantName, Optional<String> cause, String detail) {
        Optional<URI> base = values().publicUrl();
        return new Alert(kind, tenant, tenantName == null || tenantName.isBlank() ? tenant.map(TenantId::value).orElse("-")
                : tenantName, cause, cause.flatMap(catalogue::find).map(Explanation::title).orElse(""),
                cause.flatMap(c -> base.map(b -> URI.create(b + "/troubleshooting#" + c))),
                tenant.filter(t -> kind.offersReconsent())
                        .flatMap(t -> base.map(b -> URI.create(b + dev.partnerconsent.health.ReconsentLink.path(t.value(), null)))),
                detail, clock.instant());
    }

    private synchronized AlertDispatcher dispatcher() {
        if (dispatcher == null) {
            dispatcher = new AlertDispatcher(channels(values(), false), pool(), values().backoff(), this::audited);
            LOG.info(() -> "Alerts go to " + (dispatcher.channels().isEmpty() ? "no channel" : dispatcher.channels()));
        }
        return dispatcher;
    }

    /** The pool deliveries run on: made at the first alert, not while the server deploys the app (payara/Payara#693). */
    private synchronized ScheduledExecutorService pool() {
        if (pool == null) {
            ScheduledThreadPoolExecutor p = threads != null ? new ScheduledThreadPoolExecutor(THREADS, threads)
                    : new ScheduledThreadPoolExecutor(THREADS);
            p.setRemoveOnCancelPolicy(true);
            pool = p;
        }
        return pool;
    }

    /** Test alerts run beside the alerts' pool: a backlog of deliveries to a dead channel must not hold them up. */
    private synchronized java.util.concurrent.ExecutorService testPool() {
        if (testPool == null) {
            testPool = threads != null ? java.util.concurrent.Executors.newCachedThreadPool(threads)
                    : java.util.concurrent.Executors.newCachedThreadPool();
        }
        return testPool;
    }

    private void audited(Delivery d) {
        boolean sent = d.outcome().equals("delivered");
        if (d.outcome().equals("failed") || d.outcome().equals("dropped")) {
            LOG.warning(() -> "Alert " + d.alert().kind().code() + " not delivered to " + d.channel() + " (" + d.outcome()
                    + " after attempt " + d.attempt() + "): " + d.reason().orElse(""));
        }
        audit.record(new AuditEvent(sent ? AuditKind.ALERT_SENT : AuditKind.ALERT_FAILED, "alerts",
                d.alert().tenant().map(TenantId::value), Optional.of(d.channel()),
                d.alert().kind().code() + " attempt " + d.attempt() + ": " + d.outcome()
                        + d.reason().map(r -> " (" + r + ")").orElse("")));
    }

    /** The channels the settings name; a mail session that cannot be looked up is left out (the setup check says why). */
    List<AlertChannel> channels(ConsentSettings.AlertValues v, boolean quiet) {
        List<AlertChannel> channels = new ArrayList<>();
        for (ConsentSettings.Webhook hook : v.webhooks()) {
            WebhookFormat.named(hook.format()).ifPresent(f -> channels.add(new WebhookChannel(hook.url(), f, v.timeout())));
        }
        if (v.mailSession().isPresent() && !v.mailTo().isEmpty()) {
            try {
                Session session = (Session) new InitialContext().lookup(v.mailSession().get());
                List<InternetAddress> to = new ArrayList<>();
                for (String address : v.mailTo()) {
                    to.add(new InternetAddress(address, true));
                }
                String from = v.mailFrom().orElse(Optional.ofNullable(session.getProperty("mail.from"))
                        .orElse("partnerconsent@" + v.publicUrl().map(URI::getHost).orElse("localhost")));
                channels.add(new MailChannel(session, new InternetAddress(from, true), to));
            } catch (NamingException | ClassCastException | AddressException e) {
                if (!quiet) {
                    LOG.warning(() -> "Alert e-mail is off: " + e.getClass().getSimpleName() + " for mail session "
                            + v.mailSession().get() + " or its addresses");
                }
            }
        }
        return channels;
    }

    /** Why the configured mail session cannot be used, if it cannot: for the setup check. */
    Optional<String> missingMailSession(ConsentSettings.AlertValues v) {
        if (v.mailSession().isEmpty()) {
            return Optional.empty();
        }
        try {
            Object found = new InitialContext().lookup(v.mailSession().get());
            return found instanceof Session ? Optional.empty() : Optional.of("'" + v.mailSession().get()
                    + "' is bound to a " + found.getClass().getSimpleName() + ", not a Jakarta Mail session.");
        } catch (NamingException e) {
            return Optional.of("No mail session is bound at '" + v.mailSession().get() + "' (" + e.getClass().getSimpleName() + ").");
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (testPool != null) {
            testPool.shutdownNow();
        }
    }
}
