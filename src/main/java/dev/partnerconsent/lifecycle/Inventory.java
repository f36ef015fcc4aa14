package dev.partnerconsent.lifecycle;

import dev.partnerconsent.health.HealthRules;
import dev.partnerconsent.health.ReconsentLink;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.vault.ConsentPage;
import dev.partnerconsent.vault.ConsentTags;
import dev.partnerconsent.vault.ListedConsent;
import dev.partnerconsent.vault.SecretName;
import dev.partnerconsent.vault.StoredVersion;
import dev.partnerconsent.vault.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inventory of stored consents, one Key Vault page at a time: the page's list call plus one list-versions call
 * per consent on it, so 10,000 consents are browsed without ever loading them all, and no value is ever read.
 */
@ApplicationScoped
public class Inventory {

    private final TokenVault vault;
    private final FailureCatalogue catalogue;
    private final Clock clock;

    @Inject
    public Inventory(TokenVault vault, FailureCatalogue catalogue, Clock clock) {
        this.vault = vault;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    protected Inventory() {
        this(null, null, null);
    }

    /** @param cursor empty for the first page, else a previous page's {@link InventoryPage#next()} */
    public InventoryPage page(Optional<String> cursor) throws FailureException {
        ConsentPage page = vault.page(cursor);
        List<InventoryEntry> entries = new ArrayList<>();
        for (ListedConsent consent : page.consents()) {
            entries.add(entry(consent, vault.listVersions(new SecretName(consent.secretName()), () -> { })));
        }
        return new InventoryPage(entries, page.next());
    }

    InventoryEntry entry(ListedConsent c, List<StoredVersion> versions) {
        var tags = c.tags();
        // the list shows the current version's attributes but not its id: it is the version created then with these tags
        String latest = versions.stream()
                .filter(v -> v.createdOn().equals(c.createdOn()) && v.tags().equals(tags))
                .reduce((a, b) -> b)
                .or(() -> versions.stream().max(java.util.Comparator.comparing(StoredVersion::createdOn)))
                .map(StoredVersion::version).orElse("");
        Optional<String> outcome = Optional.ofNullable(tags.get(ConsentTags.LAST_OUTCOME));
        String meaning = outcome.filter(o -> !o.equals("ok"))
                .map(code -> catalogue.find(code).map(x -> x.title()).orElse("Unrecognised error")).orElse("");
        Instant dies = c.createdOn().plus(LifecycleSettings.REFRESH_TOKEN_LIFETIME);
        Instant now = clock.instant();
        long daysLeft = Math.max(0, Duration.between(now, dies).toDays());
        boolean needsReconsent = "true".equals(tags.get(ConsentTags.NEEDS_RECONSENT));
        return new InventoryEntry(c.tenantId(), c.secretName(), latest, versions.size(),
                (int) versions.stream().filter(StoredVersion::enabled).count(),
                tags.getOrDefault(ConsentTags.CONSENTED_BY, ""), instant(tags.get(ConsentTags.CONSENTED_AT)),
                "true".equals(tags.get(ConsentTags.MFA)), c.createdOn(), instant(tags.get(ConsentTags.LAST_REFRESHED_AT)),
                outcome, meaning, needsReconsent, dies, daysLeft,
                needsReconsent || dies.isBefore(now.plus(LifecycleSettings.WARNING_BAND)),
                reconsentLink(c.tenantId(), tags.get(ConsentTags.CONSENTED_BY)),
                HealthRules.assess(HealthFacts.of(c.createdOn(), tags), now));
    }

    /** Where to send the partner admin for a new consent: the start page with the tenant and user as hints. */
    public static String reconsentLink(String tenantId, String user) {
        return ReconsentLink.path(tenantId, user);
    }

    private static Optional<Instant> instant(String text) {
        return HealthFacts.instant(text);
    }
}
