package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The consent path's audit rows: a consent stored (and, when the tenant's previous consent was someone else's, that
 * it replaced it) or refused with its code. Written after the outcome is decided; a failed write is logged and never
 * changes the consent's outcome. One transaction: the previous consenter is read under the chain's lock.
 */
@ApplicationScoped
public class ConsentAudit {

    private static final Logger LOG = Logger.getLogger(ConsentAudit.class.getName());

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
     */
    public void stored(String tenantId, String consenter, String version, boolean mfa) {
        AuditEvent stored = new AuditEvent(AuditKind.CONSENT_STORED, consenter, Optional.of(tenantId),
                Optional.of("version " + version), "consent stored; MFA " + (mfa ? "yes" : "no"));
        try {
            trail.append(stored, em -> {
                List<String> actors = em.createQuery("select r.actor from AuditRow r where r.tenantId = :tenant"
                                + " and r.kind = :kind order by r.seq desc", String.class)
                        .setParameter("tenant", tenantId).setParameter("kind", AuditKind.CONSENT_STORED.code())
                        .setMaxResults(1).getResultList();
                return actors.stream().filter(previous -> !previous.equals(stored.actor()))
                        .map(previous -> new AuditEvent(AuditKind.CONSENT_REPLACED, stored.actor(), Optional.of(tenantId),
                                Optional.of("previous consenter " + previous), "a new consent replaced another consenter's"))
                        .findFirst();
            });
        } catch (FailureException e) {
            LOG.warning(() -> "Audit of the consent of tenant " + tenantId + " not written: " + e.failure().code());
        }
    }

    /** @param tenantId the tenant when the sign-in got as far as knowing it */
    public void refused(Optional<String> tenantId, String consenter, String code) {
        trail.record(new AuditEvent(AuditKind.CONSENT_REFUSED, consenter, tenantId, Optional.empty(),
                "consent refused: " + code));
    }
}
