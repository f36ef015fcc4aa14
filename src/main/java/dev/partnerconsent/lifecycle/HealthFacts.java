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

    /**
     * When the version holding these tags was issued, as its tags tell: a rotated version records its refresh, a
     * consent its time (the version's own creation time is not at hand where a redemption failed).
     */
    static Instant issued(Map<String, String> tags, Instant otherwise) {
        return instant(tags.get(ConsentTags.LAST_REFRESHED_AT)).or(() -> instant(tags.get(ConsentTags.CONSENTED_AT)))
                .orElse(otherwise);
    }

    /** A name for a consent the ledger has none for: the consenting admin's domain. */
    static Optional<String> nameHint(Map<String, String> tags) {
        String user = tags.getOrDefault(ConsentTags.CONSENTED_BY, "");
        return user.contains("@") ? Optional.of(user.substring(user.indexOf('@') + 1)) : Optional.empty();
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
