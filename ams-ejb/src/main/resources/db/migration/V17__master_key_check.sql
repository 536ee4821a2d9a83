-- The master key's check value: a fixed label sealed under the master key (AES-256-GCM, purpose "master-key-check"),
-- as Base64. At every start AMS opens it with the key it has, so a missing or different master key stops the start
-- before any sealed private key or secret is found unreadable, without decrypting one (org.ams.platform.MasterKeyCheck).
-- One row at most (id = 1): of two servers racing to record the first key, only one can.
-- Left empty here: an upgraded database gets its row at the next start, once the key has opened one sealed value.
CREATE TABLE master_key_check (
    id           INTEGER       NOT NULL PRIMARY KEY,
    sealed_check VARCHAR(200)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_master_key_check_single CHECK (id = 1)
);
