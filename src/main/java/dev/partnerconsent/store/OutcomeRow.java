package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One tenant's outcome in one run. Written as {@code running} when a node claims the tenant (one row per run and
 * tenant: the key is both ids), then completed.
 */
@Entity
@Table(name = "keepalive_outcome")
public class OutcomeRow {

    static final String RUNNING = "running";

    @Id
    @Column(name = "id")
    String id;
    @Column(name = "run_id", nullable = false)
    String runId;
    @Column(name = "tenant_id", nullable = false)
    String tenantId;
    @Column(name = "code", nullable = false)
    String code;
    @Column(name = "ok", nullable = false)
    boolean ok;
    @Column(name = "needs_reconsent", nullable = false)
    boolean needsReconsent;
    @Column(name = "detail")
    String detail;
    @Column(name = "version")
    String version;
    @Column(name = "disabled", nullable = false)
    int disabled;
    @Column(name = "claimed_ms", nullable = false)
    long claimedMillis;

    protected OutcomeRow() {
    }

    OutcomeRow(String runId, String tenantId, long claimedMillis) {
        this.id = key(runId, tenantId);
        this.runId = runId;
        this.tenantId = tenantId;
        this.code = RUNNING;
        this.claimedMillis = claimedMillis;
    }

    static String key(String runId, String tenantId) {
        return runId + ":" + tenantId.toLowerCase(java.util.Locale.ROOT);
    }

    StoredOutcome stored() {
        return new StoredOutcome(runId, tenantId, code, ok, needsReconsent, detail, version, disabled,
                java.time.Instant.ofEpochMilli(claimedMillis));
    }
}
