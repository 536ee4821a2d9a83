-- The audit trail becomes a hash chain: every record carries a sequence number, the hash of the record before it and
-- its own hash (see org.ams.audit.AuditDigest), so an edited, inserted or deleted record is detected by verification.
-- Also the optional fields the access-request audit fills in.

ALTER TABLE audit_event ADD COLUMN sequence_number BIGINT;
ALTER TABLE audit_event ADD COLUMN previous_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN record_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN client_address VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN reason VARCHAR(1000);
ALTER TABLE audit_event ADD COLUMN result_code VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN permission VARCHAR(64);
-- Text, not UUID: EclipseLink cannot read NULL into a UUID attribute.
ALTER TABLE audit_event ADD COLUMN rule_id VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN rule_description VARCHAR(1000);
ALTER TABLE audit_event ADD COLUMN notification_channels VARCHAR(1000);

-- Records written before this version are numbered in the order they happened. Their hashes cannot be computed in
-- SQL the same way on H2 and PostgreSQL, so they are left NULL here and computed by the application before anything
-- is appended (org.ams.audit.AuditChain#sealUnchainedRecords). A numbering table with a primary key keeps the update
-- one index look-up per row on both databases.
CREATE TABLE audit_event_numbering (
    id              UUID    NOT NULL PRIMARY KEY,
    sequence_number BIGINT  NOT NULL
);
INSERT INTO audit_event_numbering (id, sequence_number)
    SELECT id, ROW_NUMBER() OVER (ORDER BY occurred_at, id) FROM audit_event;
UPDATE audit_event SET sequence_number =
    (SELECT n.sequence_number FROM audit_event_numbering n WHERE n.id = audit_event.id);
DROP TABLE audit_event_numbering;

ALTER TABLE audit_event ALTER COLUMN sequence_number SET NOT NULL;
ALTER TABLE audit_event ADD CONSTRAINT uq_audit_event_sequence UNIQUE (sequence_number);
CREATE INDEX ix_audit_event_actor ON audit_event (actor);
CREATE INDEX ix_audit_event_result_code ON audit_event (result_code);

-- The head of the chain: one row, locked by every append so that two transactions can never both extend the same
-- record. last_hash is NULL while records up to last_sequence still await their hashes (an upgraded database), and
-- for an empty chain (last_sequence 0).
CREATE TABLE audit_chain_head (
    id            INTEGER     NOT NULL PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    last_hash     VARCHAR(64),
    CONSTRAINT ck_audit_chain_head_single CHECK (id = 1)
);
INSERT INTO audit_chain_head (id, last_sequence, last_hash) SELECT 1, COUNT(*), NULL FROM audit_event;
