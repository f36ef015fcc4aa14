package dev.partnerconsent.operator;

import dev.partnerconsent.lifecycle.RunReport;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A keep-alive run as the API answers it; {@code metrics} (the counters since the server started) only in
 * {@code GET /api/consents/refresh}.
 */
@JsonbNillable
public record RunAnswer(String id, String trigger, boolean running, Instant startedAt, String tenantId, Instant endedAt,
                        int consents, int refreshed, int failed, int needsReconsent, int skipped, long keyVaultOperations,
                        double keyVaultOpsPerSecond, double keyVaultOpsPerSecondLimit, List<OutcomeAnswer> failures,
                        @JsonbNillable(false) Map<String, Long> metrics) {

    public RunAnswer {
        failures = List.copyOf(failures);
        metrics = metrics == null ? null : Map.copyOf(metrics);
    }

    static RunAnswer of(RunReport r) {
        return new RunAnswer(r.id(), r.trigger(), r.running(), r.startedAt(), r.target().orElse(null), r.endedAt().orElse(null),
                r.consents(), r.refreshed(), r.failed(), r.needsReconsent(), r.skipped(), r.vaultOps(),
                Math.round(r.achievedOpsPerSecond() * 10) / 10.0, r.configuredOpsPerSecond(),
                r.failures().stream().map(OutcomeAnswer::of).toList(), null);
    }

    RunAnswer withMetrics(Map<String, Long> counters) {
        return new RunAnswer(id, trigger, running, startedAt, tenantId, endedAt, consents, refreshed, failed, needsReconsent,
                skipped, keyVaultOperations, keyVaultOpsPerSecond, keyVaultOpsPerSecondLimit, failures, counters);
    }
}
