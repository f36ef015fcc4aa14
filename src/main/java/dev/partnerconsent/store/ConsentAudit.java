package dev.partnerconsent.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The consent path's audit rows: a consent stored (and, when the tenant's previous consent was someone else's, that
 * it replaced it) or refused with its code. Queued after the outcome is decided and written by the trail's writer
 * ({@link AuditTrail#recordSoon}), so the callback's answer does not wait for the database; a failed write is logged
 * and never changes the consent's outcome. Who consented before comes from the tenant's secret (its tags), read before writing.
 */
@ApplicationScoped
public class ConsentAudit {

    private final AuditTrail trail;

    @Inject
    public ConsentAudit(AuditTrail trail) {
        this.trail = trail;
    }

    protected ConsentAudit() {
        this(null);
    }

    /**
     * @param consenter the consenting user, e.g. {@code upn (object id)}
     * @param version   the secret version written
     * @param replaced  the other user whose consent was the tenant's current one (from its secret's tags), if any
     */
    public void stored(String tenantId, String consenter, String version, boolean mfa, Optional<String> replaced) {
        trail.recordSoon(new AuditEvent(AuditKind.CONSENT_STORED, consenter, Optional.of(tenantId),
                Optional.of("version " + version), "consent stored; MFA " + (mfa ? "yes" : "no")));
        replaced.ifPresent(previous -> trail.recordSoon(new AuditEvent(AuditKind.CONSENT_REPLACED, consenter, Optional.of(tenantId),
                Optional.of("previous consenter " + previous), "a new consent replaced another consenter's")));
    }

    /** @param tenantId the tenant when the sign-in got as far as knowing it */
    public void refused(Optional<String> tenantId, String consenter, String code) {
        trail.recordSoon(new AuditEvent(AuditKind.CONSENT_REFUSED, consenter, tenantId, Optional.empty(),
                "consent refused: " + code));
    }
}
