package dev.partnerconsent.diagnostics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps repeated warnings from filling the log: per catalogue code (a bounded set, see {@link ConsentMetrics#label})
 * at most {@link #PER_CODE} lines a minute are written; the rest are counted and summed up in one line when the minute
 * is over (written with the next warning). Anonymous requests can then grow the log by a summary line a minute.
 */
@ApplicationScoped
public class WarningLimiter {

    public static final int PER_CODE = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, AtomicInteger> written = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> suppressed = new ConcurrentHashMap<>();
    private Instant windowStart;

    @Inject
    public WarningLimiter(Clock clock) {
        this.clock = clock;
        this.windowStart = clock.instant();
    }

    protected WarningLimiter() {
        this.clock = null;
    }

    /** Writes the warning unless this code had its share this minute; then only counts it. */
    public void warn(Logger log, String code, Supplier<String> message) {
        rollOver(log);
        String label = ConsentMetrics.label(code);
        if (written.computeIfAbsent(label, c -> new AtomicInteger()).incrementAndGet() <= PER_CODE) {
            log.warning(message);
        } else {
            suppressed.computeIfAbsent(label, c -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void rollOver(Logger log) {
        Map<String, Integer> summary;
        Instant started;
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(windowStart.plus(WINDOW))) {
                return;
            }
            started = windowStart;
            windowStart = now;
            summary = new TreeMap<>();
            suppressed.forEach((code, n) -> summary.put(code, n.get()));
            suppressed.clear();
            written.clear();
        }
        if (!summary.isEmpty()) {
            int total = summary.values().stream().mapToInt(Integer::intValue).sum();
            log.warning(() -> "PartnerConsent left out " + total + " repeated warnings since " + started
                    + " (at most " + PER_CODE + " a minute per code), by code: " + summary);
        }
    }
}
