package dev.partnerconsent.customers;

import java.time.Instant;
import java.util.Optional;

/**
 * A refresh of one partner's customer list: going on, or how it ended.
 *
 * @param outcome {@code ok}, or the failure's catalogue code; empty while it runs
 * @param customers how many customers Partner Center listed
 */
public record RefreshState(String partnerTenantId, String trigger, Instant startedAt, Optional<Instant> endedAt,
                           Optional<String> outcome, int customers, String detail) {

    public boolean running() {
        return endedAt.isEmpty();
    }

    RefreshState ended(Instant at, String code, int listed, String why) {
        return new RefreshState(partnerTenantId, trigger, startedAt, Optional.of(at), Optional.of(code), listed, why);
    }
}
