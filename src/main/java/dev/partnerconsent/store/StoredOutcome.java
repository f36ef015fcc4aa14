package dev.partnerconsent.store;

import java.time.Instant;

/**
 * One tenant's outcome in a run, as the history keeps it.
 *
 * @param code    {@code ok}, a failure code, {@code skipped-…}, or {@code running} while (or if) it never ended
 * @param version the version written, when refreshed; nullable, as is {@code detail}
 * @param claimedAt when a node took the tenant on
 */
public record StoredOutcome(String runId, String tenantId, String code, boolean ok, boolean needsReconsent, String detail,
                            String version, int disabled, Instant claimedAt) {
}
