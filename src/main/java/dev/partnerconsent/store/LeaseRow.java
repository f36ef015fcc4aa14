package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The cluster's keep-alive lease: one row, always locked before it is read for a decision. */
@Entity
@Table(name = "keepalive_lease")
public class LeaseRow {

    static final String KEEPALIVE = "keepalive";

    @Id
    @Column(name = "name")
    String name;
    /** The node holding it, or null when released. */
    @Column(name = "holder")
    String holder;
    @Column(name = "expires_ms", nullable = false)
    long expiresMillis;
    /** Grows by one each time a node takes the lease: a holder's writes carry it, and stale ones are refused. */
    @Column(name = "fencing", nullable = false)
    long fencing;
    /** The run the holder is doing; left behind when the holder dies, so the next holder continues it. */
    @Column(name = "run_id")
    String runId;

    protected LeaseRow() {
    }
}
