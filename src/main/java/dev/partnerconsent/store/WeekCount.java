package dev.partnerconsent.store;

import java.time.Instant;

/** How many consents must be consented again in the week that starts at {@code from} (7 days, end excluded). */
public record WeekCount(Instant from, long consents) {
}
