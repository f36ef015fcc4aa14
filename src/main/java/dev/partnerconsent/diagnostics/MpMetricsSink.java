package dev.partnerconsent.diagnostics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Publishes to the server's MicroProfile Metrics application registry (Payara serves it at {@code /metrics?scope=application}).
 * On a server without MicroProfile Metrics this class cannot be loaded, so CDI skips it and the metrics stay in the app.
 */
@ApplicationScoped
public class MpMetricsSink implements MetricsSink {

    private final MetricRegistry registry;

    @Inject
    public MpMetricsSink(MetricRegistry registry) {
        this.registry = registry;
    }

    protected MpMetricsSink() {
        this.registry = null;
    }

    @Override
    public void count(String name, String description, String code) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).build();
        if (code == null) {
            registry.counter(metadata).inc();
        } else {
            registry.counter(metadata, new Tag("code", code.replaceAll("[^A-Za-z0-9_-]", "_"))).inc();
        }
    }

    @Override
    public void time(String name, String description, Duration duration) {
        registry.timer(Metadata.builder().withName(name).withDescription(description).build()).update(duration);
    }

    @Override
    public void gauge(String name, String description, String tag, String value, Supplier<Long> reading) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), reading,
                new Tag(tag, value));
    }
}
