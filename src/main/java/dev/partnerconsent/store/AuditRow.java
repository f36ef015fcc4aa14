package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the audit trail as stored; written once, never updated (retention only deletes whole old rows). */
@Entity
@Table(name = "audit_event")
public class AuditRow {

    @Id
    @Column(name = "seq")
    long seq;
    @Column(name = "at_ms", nullable = false)
    long atMillis;
    @Column(name = "kind", nullable = false)
    String kind;
    @Column(name = "actor", nullable = false)
    String actor;
    @Column(name = "tenant_id")
    String tenantId;
    @Column(name = "subject")
    String subject;
    @Column(name = "detail")
    String detail;
    @Column(name = "prev_hash", nullable = false)
    String prevHash;
    @Column(name = "hash", nullable = false)
    String hash;

    protected AuditRow() {
    }

    AuditRow(long seq, long atMillis, AuditEvent e, String prevHash) {
        this.seq = seq;
        this.atMillis = atMillis;
        this.kind = e.kind().code();
        this.actor = e.actor();
        this.tenantId = e.tenant().orElse(null);
        this.subject = e.subject().orElse(null);
        this.detail = e.detail();
        this.prevHash = prevHash;
        this.hash = ChainHash.of(this);
    }

    AuditRecord record() {
        return new AuditRecord(seq, java.time.Instant.ofEpochMilli(atMillis), kind, actor, tenantId, subject, detail,
                prevHash, hash);
    }
}
