package dev.partnerconsent.vault;

import java.util.List;
import java.util.Optional;

/**
 * One page of stored consents as Key Vault lists them (metadata of each secret's current version, no values), and
 * the opaque cursor of the next page, if any.
 */
public record ConsentPage(List<ListedConsent> consents, Optional<String> next) {

    public ConsentPage {
        consents = List.copyOf(consents);
    }
}
