package dev.partnerconsent.lifecycle;

import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.vault.ConsentTags;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** A consent's health facts as its current version's creation time and tags tell them (no value is read). */
final class HealthFacts {

    private HealthFacts() {
    }

    static ConsentFacts of(Instant createdOn, Map<String, String> tags) {
        return new ConsentFacts(createdOn, "true".equals(tags.get(ConsentTags.MFA)),
                Optional.ofNullable(tags.get(ConsentTags.LAST_OUTCOME)), instant(tags.get(ConsentTags.LAST_ATTEMPT_AT)),
                instant(tags.get(ConsentTags.LAST_REFRESHED_AT)), "true".equals(tags.get(ConsentTags.NEEDS_RECONSENT)));
    }

    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
