package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One keep-alive run as stored; its counts are filled from its outcomes when it ends. */
@Entity
@Table(name = "keepalive_run")
public class RunRow {

    @Id
    @Column(name = "id")
    String id;
    @Column(name = "tenant_id")
    String tenantId;
    @Column(name = "run_trigger", nullable = false)
    String trigger;
    @Column(name = "node", nullable = false)
    String node;
    @Column(name = "started_ms", nullable = false)
    long startedMillis;
    @Column(name = "ended_ms")
    Long endedMillis;
    @Column(name = "consents", nullable = false)
    int consents;
    @Column(name = "refreshed", nullable = false)
    int refreshed;
    @Column(name = "failed", nullable = false)
    int failed;
    @Column(name = "needs_reconsent", nullable = false)
    int needsReconsent;
    @Column(name = "skipped", nullable = false)
    int skipped;
    @Column(name = "aborted_because")
    String abortedBecause;

    protected RunRow() {
    }

    RunRow(String id, String tenantId, String trigger, String node, long startedMillis) {
        this.id = id;
        this.tenantId = tenantId;
        this.trigger = trigger;
        this.node = node;
        this.startedMillis = startedMillis;
    }

    StoredRun stored() {
        return new StoredRun(id, tenantId, trigger, node, java.time.Instant.ofEpochMilli(startedMillis),
                endedMillis == null ? null : java.time.Instant.ofEpochMilli(endedMillis), consents, refreshed, failed,
                needsReconsent, skipped, abortedBecause);
    }
}
