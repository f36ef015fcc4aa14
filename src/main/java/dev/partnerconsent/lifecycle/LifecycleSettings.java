package dev.partnerconsent.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Settings of keep-alive, access checks and token use, read from MicroProfile Config. A value that does not parse
 * falls back to its default with a warning, so a typo cannot stop the consent flow from deploying.
 */
@ApplicationScoped
public class LifecycleSettings {

    public static final String INTERVAL = "partnerconsent.keepalive.interval";
    public static final String INITIAL_DELAY = "partnerconsent.keepalive.initial-delay";
    public static final String ENABLED = "partnerconsent.keepalive.enabled";
    public static final String CONCURRENCY = "partnerconsent.keepalive.concurrency";
    public static final String KEEP_VERSIONS = "partnerconsent.keep-versions";
    public static final String OPS_PER_SECOND = "partnerconsent.keyvault.ops-per-second";
    public static final String PARTNER_CENTER_URL = "partnerconsent.partner-center.url";
    public static final String GRAPH_URL = "partnerconsent.graph.url";

    /** Entra ID lets an unused refresh token live 90 days. */
    public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(90);
    /** The inventory warns when a token dies within this many days. */
    public static final Duration WARNING_BAND = Duration.ofDays(14);

    private static final Logger LOG = Logger.getLogger(LifecycleSettings.class.getName());

    private final Duration interval;
    private final Duration initialDelay;
    private final boolean enabled;
    private final int concurrency;
    private final int keepVersions;
    private final double opsPerSecond;
    private final URI partnerCenterUrl;
    private final URI graphUrl;

    @Inject
    public LifecycleSettings(Config config) {
        this.interval = duration(config, INTERVAL, Duration.ofDays(7));
        this.initialDelay = duration(config, INITIAL_DELAY, Duration.ofHours(1));
        this.enabled = config.getOptionalValue(ENABLED, String.class).map(String::strip).map("true"::equalsIgnoreCase)
                .orElse(true);
        this.concurrency = number(config, CONCURRENCY, 4, 1, 64);
        this.keepVersions = number(config, KEEP_VERSIONS, 1, 1, 24);
        this.opsPerSecond = number(config, OPS_PER_SECOND, 200, 1, 2_000);
        this.partnerCenterUrl = uri(config, PARTNER_CENTER_URL, "https://api.partnercenter.microsoft.com");
        this.graphUrl = uri(config, GRAPH_URL, "https://graph.microsoft.com");
    }

    /** For CDI's proxy only. */
    protected LifecycleSettings() {
        this.interval = null;
        this.initialDelay = null;
        this.enabled = false;
        this.concurrency = 0;
        this.keepVersions = 0;
        this.opsPerSecond = 0;
        this.partnerCenterUrl = null;
        this.graphUrl = null;
    }

    public Duration interval() {
        return interval;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public boolean enabled() {
        return enabled;
    }

    public int concurrency() {
        return concurrency;
    }

    public int keepVersions() {
        return keepVersions;
    }

    public double opsPerSecond() {
        return opsPerSecond;
    }

    public URI partnerCenterUrl() {
        return partnerCenterUrl;
    }

    public URI graphUrl() {
        return graphUrl;
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        Optional<String> raw = text(config, key);
        try {
            Duration d = raw.map(Duration::parse).orElse(fallback);
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", raw.orElse(""), 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            LOG.warning(() -> key + "='" + raw.orElse("") + "' is not a positive ISO-8601 duration such as P7D or PT12H; using "
                    + fallback + ".");
            return fallback;
        }
    }

    private static int number(Config config, String key, int fallback, int min, int max) {
        Optional<String> raw = text(config, key);
        try {
            int n = raw.map(Integer::parseInt).orElse(fallback);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            LOG.warning(() -> key + "='" + raw.orElse("") + "' is not a whole number from " + min + " to " + max
                    + "; using " + fallback + ".");
            return fallback;
        }
    }

    private static URI uri(Config config, String key, String fallback) {
        Optional<String> raw = text(config, key);
        try {
            URI u = URI.create(raw.orElse(fallback).replaceAll("/+$", ""));
            if (u.getHost() == null || !u.isAbsolute()) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> key + "='" + raw.orElse("") + "' is not an absolute URL; using " + fallback + ".");
            return URI.create(fallback);
        }
    }
}
