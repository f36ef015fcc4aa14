package dev.partnerconsent.store;

import dev.partnerconsent.health.HealthState;

import java.util.Optional;

/**
 * What one recording did to a consent's health.
 *
 * @param before the state the row had (as of now), empty when the tenant had no row
 * @param after  the row as written
 */
public record HealthChange(Optional<HealthState> before, HealthEntry after) {

    /** The consent entered {@code state} with this recording. */
    public boolean entered(HealthState state) {
        return after.health().state() == state && before.filter(state::equals).isEmpty();
    }
}
