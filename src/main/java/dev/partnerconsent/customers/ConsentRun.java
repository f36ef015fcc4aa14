package dev.partnerconsent.customers;

import java.time.Instant;
import java.util.Optional;

/**
 * An application-consent run over some customers of a partner, as it started; its outcomes go to the run history.
 *
 * @param customers how many customers it takes
 * @param perSecond the configured rate of Partner Center calls
 */
public record ConsentRun(String id, String partnerTenantId, String applicationId, String trigger, Instant startedAt,
                         int customers, double perSecond, Optional<Instant> endedAt, int ok, int failed) {

    public boolean running() {
        return endedAt.isEmpty();
    }
}
