package dev.partnerconsent.diagnostics;

import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;

/**
 * Publishes {@link ConsentMetrics} to the server's MicroProfile Metrics registry. Loaded only after checking that the
 * API is present, so servers without MicroProfile Metrics never resolve this class.
 */
final class MpMetricsBridge {

    private final MetricRegistry registry;

    private MpMetricsBridge(MetricRegistry registry) {
        this.registry = registry;
    }

    static MpMetricsBridge ifAvailable() {
        try {
            Class.forName("org.eclipse.microprofile.metrics.MetricRegistry", false, MpMetricsBridge.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            var instance = CDI.current().select(MetricRegistry.class);
            return instance.isResolvable() ? new MpMetricsBridge(instance.get()) : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    void count(String name, String code) {
        Metadata metadata = Metadata.builder().withName(name)
                .withDescription(code == null ? "Consents stored in Key Vault" : "Failures by catalogue code").build();
        if (code == null) {
            registry.counter(metadata).inc();
        } else {
            registry.counter(metadata, new Tag("code", code.replaceAll("[^A-Za-z0-9_-]", "_"))).inc();
        }
    }

    void time(String name, Duration d) {
        registry.timer(Metadata.builder().withName(name).withDescription("Time waiting on " + name.substring(name.indexOf('_') + 1)).build())
                .update(d);
    }
}
