-- Escrow verification: when a device last confirmed that a key's protector is still on it, and whether the server can
-- still open the sealed secret of every escrowed key (checked on a schedule and after every certificate rotation).

-- The last check-in that reported this key's protector on the device; refreshed at most every half check-in interval.
ALTER TABLE recovery_key ADD COLUMN confirmed_at TIMESTAMP WITH TIME ZONE;
-- The last verification that opened the key's sealed secret and found a valid recovery password in it.
ALTER TABLE recovery_key ADD COLUMN last_verified_at TIMESTAMP WITH TIME ZONE;
-- Since when verification has failed to open it (NULL while it opens), and why, in words that hold no secret.
ALTER TABLE recovery_key ADD COLUMN unreadable_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE recovery_key ADD COLUMN unreadable_reason VARCHAR(200);
-- The Dashboard counts unreadable keys; almost all rows are NULL here, so the index stays small in use.
CREATE INDEX ix_recovery_key_unreadable ON recovery_key (unreadable_since);

-- One row: the last verification run, and the claim of the node running one now. A node runs only after its
-- conditional UPDATE set claim_token while no unexpired claim was there; each batch extends claimed_until, so a node
-- that dies mid-run leaves a claim that runs out.
CREATE TABLE escrow_verification (
    id            INTEGER       NOT NULL PRIMARY KEY,
    claim_token   VARCHAR(36),
    claimed_until TIMESTAMP WITH TIME ZONE,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    checked       BIGINT        NOT NULL,
    unreadable    BIGINT        NOT NULL,
    version       BIGINT        NOT NULL,
    CONSTRAINT ck_escrow_verification_single CHECK (id = 1)
);
INSERT INTO escrow_verification (id, claim_token, claimed_until, started_at, finished_at, checked, unreadable, version)
VALUES (1, NULL, NULL, NULL, NULL, 0, 0, 0);
