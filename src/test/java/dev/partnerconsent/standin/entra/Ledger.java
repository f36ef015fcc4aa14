package dev.partnerconsent.standin.entra;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What was handed out and how often each endpoint was called, for leak checks and cache assertions. */
final class Ledger {

    private final List<IssuedSecret> issued = new CopyOnWriteArrayList<>();
    private final Map<Endpoint, AtomicLong> counts = new EnumMap<>(Endpoint.class);

    Ledger() {
        for (Endpoint e : Endpoint.values()) {
            counts.put(e, new AtomicLong());
        }
    }

    void record(SecretKind kind, String tenantId, String value) {
        issued.add(new IssuedSecret(kind, tenantId, value));
        dev.partnerconsent.standin.SecretsJournal.record(value);
    }

    List<IssuedSecret> issued() {
        return List.copyOf(issued);
    }

    void hit(Endpoint endpoint) {
        counts.get(endpoint).incrementAndGet();
    }

    long count(Endpoint endpoint) {
        return counts.get(endpoint).get();
    }

    void resetCounts() {
        counts.values().forEach(c -> c.set(0));
    }
}
