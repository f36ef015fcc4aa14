package dev.partnerconsent.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A keep-alive run as it stands (running) or ended.
 *
 * @param target     the one tenant refreshed, or empty for all
 * @param trigger    who started it: {@code schedule}, or the operator
 * @param vaultOps   Key Vault operations the run made (paced)
 * @param failures   the tenants that failed, at most {@link KeepAlive#MAX_LISTED_FAILURES}
 */
public record RunReport(String id, Optional<String> target, String trigger, Instant startedAt, Optional<Instant> endedAt,
                        int consents, int refreshed, int failed, int needsReconsent, int skipped, long vaultOps,
                        double configuredOpsPerSecond, List<TenantOutcome> failures) {

    public RunReport {
        failures = List.copyOf(failures);
    }

    public boolean running() {
        return endedAt.isEmpty();
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt.orElse(Instant.now()));
    }

    /** Key Vault operations per second over the run so far. */
    public double achievedOpsPerSecond() {
        double seconds = duration().toNanos() / 1e9;
        return seconds <= 0 ? 0 : vaultOps / seconds;
    }
}
