package org.ams.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row that says where the chain ends. Every append locks it first, so appends are serialized across
 * transactions and servers: two transactions can never both link to the same record.
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {

    static final int ID = 1;

    @Id
    private int id;

    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    /** {@code null} for an empty chain, or while records of an upgraded database await their hashes. */
    @Column(name = "last_hash", length = 64)
    private String lastHash;

    protected AuditChainHead() {
    }

    public long getLastSequence() {
        return lastSequence;
    }

    public String getLastHash() {
        return lastHash;
    }

    /** Records up to {@link #getLastSequence()} exist but have no hashes yet (written before the chain existed). */
    boolean awaitsChaining() {
        return lastSequence > 0 && lastHash == null;
    }

    /** The previous hash of the next record. */
    String nextPreviousHash() {
        return lastHash == null ? AuditDigest.GENESIS : lastHash;
    }

    void advance(AuditEvent appended) {
        this.lastSequence = appended.getSequence();
        this.lastHash = appended.getRecordHash();
    }

    void chained(String hashOfLastRecord) {
        this.lastHash = hashOfLastRecord;
    }
}
