package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One tenant's coordination row: locked while one of its rotations or consents writes its secret. */
@Entity
@Table(name = "tenant_rotation")
public class TenantRow {

    @Id
    @Column(name = "tenant_id")
    String tenantId;
    /** Writes done under the lock so far. */
    @Column(name = "rotations", nullable = false)
    long rotations;

    protected TenantRow() {
    }

    TenantRow(String tenantId) {
        this.tenantId = tenantId;
    }
}
