package dev.partnerconsent.diagnostics;

import java.util.Optional;

/**
 * The ids Entra ID attaches to an error, which Microsoft support asks for.
 * All optional: our own validation failures have none.
 */
public record EntraTrace(Optional<String> traceId, Optional<String> correlationId, Optional<String> timestamp) {

    public static EntraTrace none() {
        return new EntraTrace(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return traceId.isEmpty() && correlationId.isEmpty() && timestamp.isEmpty();
    }
}
