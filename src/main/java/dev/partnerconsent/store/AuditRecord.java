package dev.partnerconsent.store;

import java.time.Instant;

/** An audit row as read back, for pages, the API and CSV; nullable: {@code tenantId}, {@code subject}. */
public record AuditRecord(long seq, Instant at, String kind, String actor, String tenantId, String subject, String detail,
                          String prevHash, String hash) {
}
