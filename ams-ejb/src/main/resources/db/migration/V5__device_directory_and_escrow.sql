-- The device directory (tenants, directories, device groups, devices), agent registration, and the escrow of
-- BitLocker recovery passwords (each one a sealed_secret).

CREATE TABLE tenant (
    id         UUID          NOT NULL PRIMARY KEY,
    name       VARCHAR(128)  NOT NULL,
    built_in   BOOLEAN       NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT        NOT NULL,
    CONSTRAINT uq_tenant_name UNIQUE (name)
);

CREATE TABLE directory (
    id         UUID          NOT NULL PRIMARY KEY,
    tenant_id  UUID          NOT NULL,
    name       VARCHAR(128)  NOT NULL,
    kind       VARCHAR(16)   NOT NULL,
    built_in   BOOLEAN       NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT        NOT NULL,
    CONSTRAINT fk_directory_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT uq_directory_name UNIQUE (tenant_id, name)
);

CREATE TABLE device_group (
    id           UUID          NOT NULL PRIMARY KEY,
    tenant_id    UUID          NOT NULL,
    name         VARCHAR(128)  NOT NULL,
    description  VARCHAR(1000),
    -- The built-in "All devices" group of a tenant: membership is implicit, never stored.
    all_devices  BOOLEAN       NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT        NOT NULL,
    CONSTRAINT fk_device_group_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT uq_device_group_name UNIQUE (tenant_id, name)
);

CREATE TABLE registration_key (
    id               UUID          NOT NULL PRIMARY KEY,
    name             VARCHAR(128)  NOT NULL,
    -- SHA-256 of the key: the key itself is shown once and never stored.
    key_hash         VARCHAR(64)   NOT NULL,
    key_hint         VARCHAR(16)   NOT NULL,
    activation_limit INTEGER,
    activations      INTEGER       NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE,
    approval_required BOOLEAN      NOT NULL,
    enabled          BOOLEAN       NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT        NOT NULL,
    CONSTRAINT uq_registration_key_name UNIQUE (name),
    CONSTRAINT uq_registration_key_hash UNIQUE (key_hash)
);

CREATE TABLE registration_key_group (
    registration_key_id UUID NOT NULL,
    group_id            UUID NOT NULL,
    PRIMARY KEY (registration_key_id, group_id),
    CONSTRAINT fk_registration_key_group_key FOREIGN KEY (registration_key_id) REFERENCES registration_key (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_registration_key_group_group FOREIGN KEY (group_id) REFERENCES device_group (id) ON DELETE CASCADE
);

CREATE TABLE device (
    id                  UUID          NOT NULL PRIMARY KEY,
    directory_id        UUID          NOT NULL,
    name                VARCHAR(255)  NOT NULL,
    name_key            VARCHAR(255)  NOT NULL,
    dns_name            VARCHAR(255),
    os_name             VARCHAR(128),
    os_version          VARCHAR(128),
    agent_version       VARCHAR(64),
    public_key          BYTEA         NOT NULL,
    public_key_sha256   VARCHAR(64)   NOT NULL,
    state               VARCHAR(16)   NOT NULL,
    registration_key_id UUID,
    registered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_check_in_at    TIMESTAMP WITH TIME ZONE,
    state_changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT        NOT NULL,
    CONSTRAINT fk_device_directory FOREIGN KEY (directory_id) REFERENCES directory (id),
    CONSTRAINT fk_device_registration_key FOREIGN KEY (registration_key_id) REFERENCES registration_key (id)
        ON DELETE SET NULL,
    CONSTRAINT uq_device_public_key UNIQUE (public_key_sha256)
);

CREATE INDEX ix_device_name ON device (name_key);
CREATE INDEX ix_device_state ON device (state);

CREATE TABLE device_group_member (
    group_id  UUID NOT NULL,
    device_id UUID NOT NULL,
    PRIMARY KEY (group_id, device_id),
    CONSTRAINT fk_device_group_member_group FOREIGN KEY (group_id) REFERENCES device_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_device_group_member_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE
);

CREATE INDEX ix_device_group_member_device ON device_group_member (device_id);

-- One row: whether agents may talk to this server at all.
CREATE TABLE agent_settings (
    id                    INTEGER  NOT NULL PRIMARY KEY,
    agent_support_enabled BOOLEAN  NOT NULL,
    changed_at            TIMESTAMP WITH TIME ZONE,
    version               BIGINT   NOT NULL,
    CONSTRAINT ck_agent_settings_single CHECK (id = 1)
);

-- Ids of device assertions already used, kept until they expire: a replayed assertion collides with its row.
CREATE TABLE used_assertion (
    jti        VARCHAR(128) NOT NULL PRIMARY KEY,
    device_id  UUID         NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_used_assertion_expires ON used_assertion (expires_at);

-- Escrowed recovery passwords. History is kept: a protector that disappears from the device or changes its password
-- becomes SUPERSEDED; rows are never updated in place or deleted (except by an explicit purge of a deleted device).
CREATE TABLE recovery_key (
    id            UUID          NOT NULL PRIMARY KEY,
    device_id     UUID          NOT NULL,
    volume_id     VARCHAR(255)  NOT NULL,
    mount_point   VARCHAR(64),
    drive_type    VARCHAR(16)   NOT NULL,
    protector_id  VARCHAR(38)   NOT NULL,
    -- The first 8 hex digits of the protector id: what the BitLocker recovery screen shows.
    key_id        VARCHAR(8)    NOT NULL,
    secret_id     UUID          NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    -- TRUE while CURRENT, NULL once SUPERSEDED: at most one current row per device and protector (no partial
    -- indexes on H2).
    current_flag  BOOLEAN,
    escrowed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    superseded_at TIMESTAMP WITH TIME ZONE,
    version       BIGINT        NOT NULL,
    CONSTRAINT fk_recovery_key_device FOREIGN KEY (device_id) REFERENCES device (id),
    CONSTRAINT fk_recovery_key_secret FOREIGN KEY (secret_id) REFERENCES sealed_secret (id),
    CONSTRAINT uq_recovery_key_current UNIQUE (device_id, protector_id, current_flag),
    CONSTRAINT ck_recovery_key_current CHECK (current_flag IS NULL OR current_flag = TRUE)
);

CREATE INDEX ix_recovery_key_device ON recovery_key (device_id, state);
CREATE INDEX ix_recovery_key_key_id ON recovery_key (key_id);

-- The built-in tenant, its AMS directory (devices that registered through the agent) and its "All devices" group.
INSERT INTO tenant (id, name, built_in, created_at, version)
VALUES ('00000000-0000-4000-8000-000000000001', 'Default', TRUE, CURRENT_TIMESTAMP, 0);
INSERT INTO directory (id, tenant_id, name, kind, built_in, created_at, version)
VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'AMS', 'AMS', TRUE,
        CURRENT_TIMESTAMP, 0);
INSERT INTO device_group (id, tenant_id, name, description, all_devices, created_at, version)
VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', 'All devices',
        'Every device of the tenant', TRUE, CURRENT_TIMESTAMP, 0);
INSERT INTO agent_settings (id, agent_support_enabled, changed_at, version) VALUES (1, FALSE, NULL, 0);
