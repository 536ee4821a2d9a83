-- Key rotation: policies say whether a recovery password is replaced once shown (on, as shipped) and after how many
-- days (never, as shipped); every showing of a recovery password is kept; every rotation the server asks a device
-- for is a row from the request to the agent's result.

ALTER TABLE agent_policy ADD COLUMN rotate_disclosed_keys BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE agent_policy ADD COLUMN rotate_after_days INTEGER;
ALTER TABLE agent_policy ADD CONSTRAINT ck_agent_policy_rotate_days
    CHECK (rotate_after_days IS NULL OR rotate_after_days BETWEEN 1 AND 3650);

-- The protector that replaced a superseded key, when a rotation replaced it.
ALTER TABLE recovery_key ADD COLUMN replaced_by_protector_id VARCHAR(38);

-- One row per recovery password shown to a person: by an access request's answer, or by the Show button when the
-- page hides passwords until then. audit_sequence is the audit record that showed it.
CREATE TABLE key_disclosure (
    id              UUID          NOT NULL PRIMARY KEY,
    recovery_key_id UUID          NOT NULL,
    device_id       UUID          NOT NULL,
    disclosed_to    VARCHAR(255)  NOT NULL,
    disclosed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    audit_sequence  BIGINT        NOT NULL,
    CONSTRAINT fk_key_disclosure_key FOREIGN KEY (recovery_key_id) REFERENCES recovery_key (id),
    CONSTRAINT fk_key_disclosure_device FOREIGN KEY (device_id) REFERENCES device (id)
);
CREATE INDEX ix_key_disclosure_key ON key_disclosure (recovery_key_id, disclosed_at);
CREATE INDEX ix_key_disclosure_user ON key_disclosure (disclosed_to);

-- A rotation the server asked a device for. REQUESTED until the device uploads the replacement (REPLACEMENT_HELD),
-- then DONE or FAILED from the agent's result; CANCELLED when the key left the device before the agent acted.
CREATE TABLE key_rotation (
    id               UUID          NOT NULL PRIMARY KEY,
    recovery_key_id  UUID          NOT NULL,
    device_id        UUID          NOT NULL,
    protector_id     VARCHAR(38)   NOT NULL,
    cause            VARCHAR(24)   NOT NULL,
    requested_by     VARCHAR(255)  NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    state            VARCHAR(24)   NOT NULL,
    -- TRUE while REQUESTED or REPLACEMENT_HELD, NULL once closed: at most one open rotation per key.
    open_flag        BOOLEAN,
    new_protector_id VARCHAR(38),
    failed_step      VARCHAR(16),
    failure_reason   VARCHAR(1000),
    completed_at     TIMESTAMP WITH TIME ZONE,
    version          BIGINT        NOT NULL,
    CONSTRAINT fk_key_rotation_key FOREIGN KEY (recovery_key_id) REFERENCES recovery_key (id),
    CONSTRAINT fk_key_rotation_device FOREIGN KEY (device_id) REFERENCES device (id),
    CONSTRAINT uq_key_rotation_open UNIQUE (recovery_key_id, open_flag),
    CONSTRAINT ck_key_rotation_open CHECK (open_flag IS NULL OR open_flag = TRUE)
);
CREATE INDEX ix_key_rotation_device ON key_rotation (device_id, open_flag);
CREATE INDEX ix_key_rotation_state ON key_rotation (state, requested_at);
