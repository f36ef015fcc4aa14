package dev.partnerconsent.diagnostics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The app's metrics: consents stored, failures by catalogue code, and the time spent waiting on the token endpoint and
 * on Key Vault. Kept here (so they are available on every server) and published to MicroProfile Metrics when the server
 * provides it — Payara serves them at {@code /metrics/application} — without making it a deployment requirement
 * (WildFly ships Micrometer instead).
 */
@ApplicationScoped
public class ConsentMetrics {

    public static final String CONSENTS_SUCCEEDED = "partnerconsent_consents_succeeded";
    public static final String FAILURES = "partnerconsent_failures";
    public static final String TOKEN_ENDPOINT = "partnerconsent_token_endpoint";
    public static final String KEY_VAULT = "partnerconsent_keyvault";
    private static final Logger LOG = Logger.getLogger(ConsentMetrics.class.getName());

    private final LongAdder succeeded = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LatencyTotals tokenEndpoint = new LatencyTotals();
    private final LatencyTotals keyVault = new LatencyTotals();
    private volatile MpMetricsBridge bridge;

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
        bridge = MpMetricsBridge.ifAvailable();
        LOG.info(() -> bridge == null ? "MicroProfile Metrics not provided by this server: metrics kept in the application only"
                : "Metrics published to MicroProfile Metrics (application registry)");
    }

    public void consentSucceeded() {
        succeeded.increment();
        if (bridge != null) {
            bridge.count(CONSENTS_SUCCEEDED, null);
        }
    }

    public void failed(String code) {
        failures.computeIfAbsent(code, c -> new LongAdder()).increment();
        if (bridge != null) {
            bridge.count(FAILURES, code);
        }
    }

    public void tokenEndpointCall(Duration d) {
        tokenEndpoint.add(d);
        if (bridge != null) {
            bridge.time(TOKEN_ENDPOINT, d);
        }
    }

    public void keyVaultCall(Duration d) {
        keyVault.add(d);
        if (bridge != null) {
            bridge.time(KEY_VAULT, d);
        }
    }

    public long consentsSucceeded() {
        return succeeded.sum();
    }

    public long failures(String code) {
        LongAdder a = failures.get(code);
        return a == null ? 0 : a.sum();
    }

    public LatencyTotals tokenEndpoint() {
        return tokenEndpoint;
    }

    public LatencyTotals keyVault() {
        return keyVault;
    }
}
