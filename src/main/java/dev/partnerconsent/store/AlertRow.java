package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One alert raised (or the daily sweep claimed): its key is the event, the tenant and the day. */
@Entity
@Table(name = "alert_raised")
public class AlertRow {

    @Id
    @Column(name = "dedup_key")
    String key;
    @Column(name = "kind", nullable = false)
    String kind;
    @Column(name = "tenant_id")
    String tenantId;
    @Column(name = "alert_day", nullable = false)
    String day;
    @Column(name = "at_ms", nullable = false)
    long atMillis;

    protected AlertRow() {
    }

    AlertRow(String key, String kind, String tenantId, String day, long atMillis) {
        this.key = key;
        this.kind = kind;
        this.tenantId = tenantId;
        this.day = day;
        this.atMillis = atMillis;
    }
}
