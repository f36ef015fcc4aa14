package dev.partnerconsent.diagnostics;

import dev.partnerconsent.settings.SettableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Repeated warnings: a few per code and minute, then one summary line when the minute is over. */
class WarningLimiterTest {

    @Test
    void aThousandWarningsAMinuteWriteAFewLinesAndOneSummary() {
        Logger log = Logger.getLogger("WarningLimiterTest");
        log.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        SettableClock clock = new SettableClock(Instant.parse("2026-11-30T12:00:00Z"));
        WarningLimiter limiter = new WarningLimiter(clock);
        for (int i = 0; i < 1_000; i++) {
            limiter.warn(log, "random-error-" + i, () -> "Consent failed: unknown");
            limiter.warn(log, "state-missing", () -> "Consent failed: state-missing");
        }
        assertEquals(2 * WarningLimiter.PER_CODE, lines.size(), "per code at most " + WarningLimiter.PER_CODE + " lines");

        clock.now = clock.now.plus(Duration.ofSeconds(61));
        limiter.warn(log, "mfa-missing", () -> "Consent failed: mfa-missing");
        assertEquals(2 * WarningLimiter.PER_CODE + 2, lines.size(), "then one summary line, and the new warning");
        String summary = lines.get(2 * WarningLimiter.PER_CODE);
        assertTrue(summary.contains("left out 1990 repeated warnings"), summary);
        assertTrue(summary.contains("state-missing=995") && summary.contains("unknown=995"), summary);
        log.removeHandler(capture);
    }
}
