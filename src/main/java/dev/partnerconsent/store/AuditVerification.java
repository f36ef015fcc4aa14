package dev.partnerconsent.store;

import java.util.OptionalLong;

/**
 * The outcome of checking the audit chain.
 *
 * @param checked     rows checked
 * @param firstBroken the first row whose hash or link does not match, if any
 * @param reason      what did not match, in words; empty when the chain is intact
 * @param firstKept   the first row kept after retention pruning
 */
public record AuditVerification(boolean intact, long checked, OptionalLong firstBroken, String reason, long firstKept) {
}
