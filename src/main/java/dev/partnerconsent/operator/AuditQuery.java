package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.QueryNumber;
import dev.partnerconsent.store.AuditFilter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The audit listing's filters as the API and the page take them: {@code tenant}, {@code kind}, {@code actor}, and a
 * time range {@code from} (inclusive) / {@code to} (exclusive), each an ISO instant or a date (midnight UTC).
 */
final class AuditQuery {

    private AuditQuery() {
    }

    static AuditFilter filter(String tenant, String kind, String actor, String from, String to) throws FailureException {
        return new AuditFilter(Optional.ofNullable(tenant), Optional.ofNullable(kind), Optional.ofNullable(actor),
                time("from", from), time("to", to));
    }

    static int number(String name, String raw, int fallback) throws FailureException {
        return QueryNumber.of(name, raw, fallback);
    }

    private static Optional<Instant> time(String name, String raw) throws FailureException {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = raw.strip();
        try {
            return Optional.of(v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new FailureException(FailureCode.BAD_REQUEST, "'" + QueryNumber.shown(v) + "' is not a valid " + name
                    + " time: give an ISO instant such as 2025-06-01T00:00:00Z, or a date such as 2025-06-01.");
        }
    }
}
