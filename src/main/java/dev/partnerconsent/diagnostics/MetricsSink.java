package dev.partnerconsent.diagnostics;

import java.time.Duration;
import java.util.function.Supplier;

/** Where {@link ConsentMetrics} publishes besides its own counters: a server's metrics registry, if it has one. */
public interface MetricsSink {

    /** Adds one to a counter; {@code code} is the failure code tag, or null. */
    void count(String name, String description, String code);

    void time(String name, String description, Duration duration);

    /** Registers a gauge read on each scrape, tagged {@code tag=value}; registering it again changes nothing. */
    void gauge(String name, String description, String tag, String value, Supplier<Long> reading);
}
