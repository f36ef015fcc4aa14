package dev.partnerconsent.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit rows to list; every part optional. {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditFilter(Optional<String> tenant, Optional<String> kind, Optional<String> actor,
                          Optional<Instant> from, Optional<Instant> to) {

    public static final AuditFilter ALL = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public AuditFilter {
        tenant = tenant.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(java.util.Locale.ROOT));
        kind = kind.map(String::strip).filter(s -> !s.isEmpty());
        actor = actor.map(String::strip).filter(s -> !s.isEmpty());
    }
}
