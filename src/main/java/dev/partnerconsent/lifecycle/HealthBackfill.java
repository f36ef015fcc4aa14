package dev.partnerconsent.lifecycle;

import dev.partnerconsent.alerts.HealthWatch;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.ConsentPage;
import dev.partnerconsent.vault.ListedConsent;
import dev.partnerconsent.vault.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Brings the health ledger up to the vault at startup: every consent listed that the ledger lacks (stored before the
 * ledger existed, or by another tool) is added from its tags, and a consent the ledger holds that the vault no longer
 * lists is marked gone. At startup rather than at the first keep-alive, which may be a week away: the dashboard counts
 * from the ledger only. It lists secrets (25 a page, paced like keep-alive) and never reads a value; adding only what
 * is absent makes it safe on every node and after any restart.
 */
@ApplicationScoped
public class HealthBackfill {

    /** Not during deployment: a managed thread loading the app's classes then can break them (payara/Payara#693). */
    static final Duration DELAY = Duration.ofSeconds(75);
    private static final Logger LOG = Logger.getLogger(HealthBackfill.class.getName());

    private final TokenVault vault;
    private final HealthWatch health;
    private final LifecycleSettings settings;
    private final ManagedExecutors executors;
    private final java.time.Clock clock;

    @Inject
    public HealthBackfill(TokenVault vault, HealthWatch health, LifecycleSettings settings, ManagedExecutors executors,
                          java.time.Clock clock) {
        this.vault = vault;
        this.clock = clock;
        this.health = health;
        this.settings = settings;
        this.executors = executors;
    }

    protected HealthBackfill() {
        this(null, null, null, null, null);
    }

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        executors.scheduler().schedule(this::runQuietly, DELAY.toSeconds(), TimeUnit.SECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (FailureException e) {
            LOG.warning(() -> "Health ledger not brought up to the vault: " + e.failure().code() + ": " + e.failure().detail());
        }
    }

    /** @return how many consents were added to the ledger */
    public int run() throws FailureException {
        java.time.Instant began = clock.instant();
        Pacer pacer = new Pacer(settings.opsPerSecond());
        Set<String> listed = new HashSet<>();
        int added = 0;
        Optional<String> cursor = Optional.empty();
        do {
            pacer.acquire();
            ConsentPage page = vault.page(cursor);
            for (ListedConsent c : page.consents()) {
                listed.add(c.tenantId());
                if (health.recordIfAbsent(new TenantId(c.tenantId()), HealthFacts.nameHint(c.tags()),
                        HealthFacts.of(c.createdOn(), c.tags()),
                        "A stored consent first seen by the health ledger")) {
                    added++;
                }
            }
            cursor = page.next();
        } while (cursor.isPresent());
        int gone = health.absentFromVault(listed, began);
        int total = added;
        LOG.info(() -> "Health ledger brought up to the vault: " + listed.size() + " consents listed, " + total
                + " added, " + gone + " marked gone.");
        return added;
    }
}
