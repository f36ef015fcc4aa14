package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.store.HealthChange;
import dev.partnerconsent.store.HealthEntry;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Records what each event teaches about a consent in the {@link HealthLedger} and raises the alert of a state the
 * consent just entered: needs re-consent, MFA missing. The one place consent, keep-alive, access checks and token use
 * report health through. A database that cannot be written is logged, never the caller's failure: the event itself
 * (a consent stored, a token refreshed) has happened.
 */
@ApplicationScoped
public class HealthWatch {

    private static final Logger LOG = Logger.getLogger(HealthWatch.class.getName());

    private final HealthLedger ledger;
    private final Alerting alerting;

    @Inject
    public HealthWatch(HealthLedger ledger, Alerting alerting) {
        this.ledger = ledger;
        this.alerting = alerting;
    }

    protected HealthWatch() {
        this(null, null);
    }

    /**
     * @param displayName the partner's name when the event learned it (a consent), else empty
     * @param event       what happened, in words, for the alert (e.g. "Keep-alive refreshed the token")
     */
    public Optional<HealthEntry> record(TenantId tenant, Optional<String> displayName, ConsentFacts facts, String event) {
        try {
            HealthChange change = ledger.record(tenant, displayName, facts);
            alertOnEntry(change, event);
            return Optional.of(change.after());
        } catch (FailureException e) {
            LOG.warning(() -> "Health of tenant " + tenant + " not recorded: " + e.failure().code());
            return Optional.empty();
        }
    }

    /** What the vault shows of a consent after an attempt to redeem it (see {@link HealthLedger#observe}). */
    public Optional<HealthEntry> observe(TenantId tenant, Optional<String> nameHint, ConsentFacts facts, String event) {
        try {
            HealthChange change = ledger.observe(tenant, nameHint, facts);
            alertOnEntry(change, event);
            return Optional.of(change.after());
        } catch (FailureException e) {
            LOG.warning(() -> "Health of tenant " + tenant + " not recorded: " + e.failure().code());
            return Optional.empty();
        }
    }

    /**
     * Adds a consent the ledger does not know yet (see {@link HealthLedger#recordIfAbsent}); one that is already in a
     * bad state is alerted, as the first sight of it.
     *
     * @return whether it was added
     */
    public boolean recordIfAbsent(TenantId tenant, Optional<String> displayName, ConsentFacts facts, String event)
            throws FailureException {
        Optional<HealthChange> added = ledger.recordIfAbsent(tenant, displayName, facts);
        added.ifPresent(change -> alertOnEntry(change, event));
        return added.isPresent();
    }

    /** An outcome met where no current version could be read (the secret is gone or disabled). */
    public void outcome(TenantId tenant, String code, boolean needsReconsent, String event) {
        try {
            ledger.outcome(tenant, code, needsReconsent).ifPresent(change -> alertOnEntry(change, event));
        } catch (FailureException e) {
            LOG.warning(() -> "Health of tenant " + tenant + " not recorded: " + e.failure().code());
        }
    }

    /**
     * After a complete listing of the vault: a consent the ledger holds that was not listed is gone (deleted or purged
     * outside PartnerConsent) and is marked {@code consent-not-found}, so the dashboard and an alert say so.
     *
     * @param listed      the tenant ids the listing held
     * @param listingBegan when it began: a consent written since (stored meanwhile) is not judged by it
     * @return how many were marked
     */
    public int absentFromVault(java.util.Set<String> listed, java.time.Instant listingBegan) {
        int marked = 0;
        try {
            for (String id : ledger.tenantIdsWrittenBefore(listingBegan)) {
                Optional<TenantId> tenant = TenantId.parse(id);
                if (!listed.contains(id) && tenant.isPresent()) {
                    outcome(tenant.get(), dev.partnerconsent.diagnostics.FailureCode.CONSENT_NOT_FOUND.code(), true,
                            "The consent is no longer in Key Vault");
                    marked++;
                }
            }
        } catch (FailureException e) {
            LOG.warning(() -> "Consents gone from the vault not marked: " + e.failure().code());
        }
        return marked;
    }

    /** Raises {@code kind} about a tenant, named as the ledger knows it. */
    public void alert(AlertKind kind, TenantId tenant, Optional<String> cause, String detail) {
        String name = tenant.value();
        try {
            name = ledger.get(tenant).map(HealthEntry::displayName).orElse(name);
        } catch (FailureException e) {
            // the id names it well enough
        }
        alerting.raise(kind, Optional.of(tenant), name, cause, detail);
    }

    private void alertOnEntry(HealthChange change, String event) {
        HealthEntry e = change.after();
        Optional<TenantId> tenant = TenantId.parse(e.tenantId());
        if (change.entered(HealthState.NEEDS_RECONSENT)) {
            alerting.raise(AlertKind.NEEDS_RECONSENT, tenant, e.displayName(), e.health().cause(), event
                    + ": the stored consent needs a new one (re-consent by " + e.health().reconsentBy() + ").");
        } else if (change.entered(HealthState.MFA_MISSING)) {
            alerting.raise(AlertKind.MFA_MISSING, tenant, e.displayName(), e.health().cause(), event
                    + ": the token carries no MFA, so Partner Center refuses app+user calls with it.");
        }
    }
}
