package dev.partnerconsent.store;

import java.time.Instant;

/**
 * A keep-alive run as the history keeps it; nullable: {@code tenantId} (every consent), {@code endedAt} (going, or its
 * node died and no other took it over yet), {@code abortedBecause}.
 *
 * @param node the node that started it (another may have finished it after taking the lease over)
 */
public record StoredRun(String id, String tenantId, String trigger, String node, Instant startedAt, Instant endedAt,
                        int consents, int refreshed, int failed, int needsReconsent, int skipped, String abortedBecause) {
}
