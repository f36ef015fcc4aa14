package dev.partnerconsent.diagnostics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The app's metrics: consents stored, failures by catalogue code (the only label, from a bounded set), and the time spent waiting on the token endpoint and
 * on Key Vault. Kept here (so they are available on every server) and published to MicroProfile Metrics when the server
 * provides it — Payara serves them at {@code /metrics?scope=application} — without making it a deployment requirement
 * (WildFly ships Micrometer instead).
 */
@ApplicationScoped
public class ConsentMetrics {

    public static final String CONSENTS_SUCCEEDED = "partnerconsent_consents_succeeded";
    public static final String FAILURES = "partnerconsent_failures";
    public static final String TOKEN_ENDPOINT = "partnerconsent_token_endpoint";
    public static final String KEY_VAULT = "partnerconsent_keyvault";
    /** The whole callback request; minus the two waits above it is the app's own time per consent (the benchmark). */
    public static final String CALLBACK = "partnerconsent_callback";
    private static final Logger LOG = Logger.getLogger(ConsentMetrics.class.getName());

    private final LongAdder succeeded = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LatencyTotals tokenEndpoint = new LatencyTotals();
    private final LatencyTotals keyVault = new LatencyTotals();
    private final LatencyTotals callback = new LatencyTotals();
    private final Instance<MetricsSink> sinkSource;
    private List<MetricsSink> sinks = List.of();

    @Inject
    public ConsentMetrics(@Any Instance<MetricsSink> sinks) {
        this.sinkSource = sinks;
    }

    /** Without a server (unit tests): counters only. */
    public ConsentMetrics() {
        this.sinkSource = null;
    }

    /** Count and total time of calls to one dependency. */
    public static final class LatencyTotals {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        void add(Duration d) {
            count.increment();
            nanos.add(d.toNanos());
        }

        public long count() {
            return count.sum();
        }

        public Duration total() {
            return Duration.ofNanos(nanos.sum());
        }
    }

    @PostConstruct
    void connect() {
        if (sinkSource != null) {
            sinks = sinkSource.stream().toList();
        }
        LOG.info(() -> sinks.isEmpty() ? "No metrics registry on this server: PartnerConsent's metrics are kept in the application only"
                : "PartnerConsent's metrics are published to " + sinks.size() + " registry(ies)");
    }

    public void consentSucceeded() {
        succeeded.increment();
        sinks.forEach(s -> s.count(CONSENTS_SUCCEEDED, "Consents stored in Key Vault", null));
    }

    /**
     * Counts a failure under its catalogue code; a code the catalogue does not know (an error value anyone can send) is
     * counted as {@code unknown}, so requests can never add series or keys.
     */
    public void failed(String code) {
        String label = label(code);
        failures.computeIfAbsent(label, c -> new LongAdder()).increment();
        sinks.forEach(s -> s.count(FAILURES, "Failures shown, by catalogue code", label));
    }

    /** The catalogue's spelling of the code, or {@code unknown}. */
    public static String label(String code) {
        return FailureCatalogue.shared().find(code).map(Explanation::code).orElse(FailureCode.UNKNOWN.code());
    }

    public void tokenEndpointCall(Duration d) {
        tokenEndpoint.add(d);
        sinks.forEach(s -> s.time(TOKEN_ENDPOINT, "Time waiting on Entra ID's token endpoint", d));
    }

    public void keyVaultCall(Duration d) {
        keyVault.add(d);
        sinks.forEach(s -> s.time(KEY_VAULT, "Time waiting on Key Vault to store a consent", d));
    }

    /** One callback request handled, whatever its outcome (result page or error page). */
    public void callbackHandled(Duration d) {
        callback.add(d);
        sinks.forEach(s -> s.time(CALLBACK, "Time handling the consent callback, waits on the token endpoint and Key Vault included", d));
    }

    public long consentsSucceeded() {
        return succeeded.sum();
    }

    public long failures(String code) {
        LongAdder a = failures.get(label(code));
        return a == null ? 0 : a.sum();
    }

    public LatencyTotals tokenEndpoint() {
        return tokenEndpoint;
    }

    public LatencyTotals keyVault() {
        return keyVault;
    }

    public LatencyTotals callback() {
        return callback;
    }
}
