package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The audit chain's head, one row: the last row's number and hash, and where the kept chain begins after pruning.
 * Every append and every pruning locks it first, so the chain grows one row at a time across all nodes.
 */
@Entity
@Table(name = "audit_chain_head")
public class ChainHead {

    static final int ID = 1;

    @Id
    @Column(name = "id")
    int id;
    @Column(name = "last_seq", nullable = false)
    long lastSeq;
    @Column(name = "last_hash", nullable = false)
    String lastHash;
    /** The first kept row; rows below it were pruned. */
    @Column(name = "pruned_below", nullable = false)
    long prunedBelow;
    /** The previous hash the first kept row names (the genesis hash until something is pruned). */
    @Column(name = "pruned_hash", nullable = false)
    String prunedHash;

    protected ChainHead() {
    }
}
