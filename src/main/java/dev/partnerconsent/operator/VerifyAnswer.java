package dev.partnerconsent.operator;

import dev.partnerconsent.store.AuditVerification;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * {@code GET /api/audit/verify}: whether the kept chain is intact, and if not the first row that breaks it.
 *
 * @param firstBrokenRow the row number ({@code seq}) named, or null when intact
 * @param firstKeptRow   where the chain starts after retention pruning
 */
@JsonbNillable
public record VerifyAnswer(boolean intact, long checkedRows, Long firstBrokenRow, String reason, long firstKeptRow) {

    static VerifyAnswer of(AuditVerification v) {
        return new VerifyAnswer(v.intact(), v.checked(), v.firstBroken().isPresent() ? v.firstBroken().getAsLong() : null,
                v.intact() ? null : v.reason(), v.firstKept());
    }
}
