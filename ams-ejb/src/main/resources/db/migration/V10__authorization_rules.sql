-- Authorization rules: who may read what about the computers of a tenant, directory, device group or one computer.

-- The target is a kind and an id without a foreign key: deleting a group or device leaves its rules in place, listed
-- as "target deleted" and applying to nothing.
CREATE TABLE authorization_rule (
    id          UUID          NOT NULL PRIMARY KEY,
    target_kind VARCHAR(16)   NOT NULL,
    target_id   UUID          NOT NULL,
    description VARCHAR(500)  NOT NULL,
    enabled     BOOLEAN       NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT ck_authorization_rule_target_kind
        CHECK (target_kind IN ('TENANT', 'DIRECTORY', 'DEVICE_GROUP', 'COMPUTER'))
);

CREATE INDEX ix_authorization_rule_target ON authorization_rule (target_kind, target_id);

-- The ACL. Principals are referred to by identity source and stable id (the name is for people only).
-- permissions holds permission names separated by commas, so new permissions need no migration.
CREATE TABLE authorization_rule_entry (
    id               UUID          NOT NULL PRIMARY KEY,
    rule_id          UUID          NOT NULL,
    entry_order      INTEGER       NOT NULL,
    principal_kind   VARCHAR(16)   NOT NULL,
    principal_source VARCHAR(64)   NOT NULL,
    principal_id     VARCHAR(512)  NOT NULL,
    principal_name   VARCHAR(512)  NOT NULL,
    access_type      VARCHAR(8)    NOT NULL,
    permissions      VARCHAR(1000) NOT NULL,
    CONSTRAINT fk_authorization_rule_entry_rule FOREIGN KEY (rule_id) REFERENCES authorization_rule (id)
        ON DELETE CASCADE,
    CONSTRAINT ck_authorization_rule_entry_kind CHECK (principal_kind IN ('USER', 'GROUP')),
    CONSTRAINT ck_authorization_rule_entry_access CHECK (access_type IN ('ALLOW', 'DENY'))
);

CREATE INDEX ix_authorization_rule_entry_rule ON authorization_rule_entry (rule_id);
-- Finding the entries of a principal or of a whole identity source when it is removed.
CREATE INDEX ix_authorization_rule_entry_principal ON authorization_rule_entry (principal_source, principal_id);

-- Notification channels a rule fires on success or failure, for the notifications component to fill. The channel
-- id is text (no channel table exists yet; EclipseLink also cannot read a NULL into a UUID attribute).
CREATE TABLE authorization_rule_channel (
    rule_id      UUID         NOT NULL,
    channel_role VARCHAR(16)  NOT NULL,
    channel_id   VARCHAR(36)  NOT NULL,
    PRIMARY KEY (rule_id, channel_role, channel_id),
    CONSTRAINT fk_authorization_rule_channel_rule FOREIGN KEY (rule_id) REFERENCES authorization_rule (id)
        ON DELETE CASCADE,
    CONSTRAINT ck_authorization_rule_channel_role CHECK (channel_role IN ('SUCCESS', 'FAILURE'))
);

-- One row counting rule changes: every server compares it with the generation of its in-memory rules before each
-- decision, so none decides with stale rules after a change made elsewhere.
CREATE TABLE authorization_rule_generation (
    id         INTEGER NOT NULL PRIMARY KEY,
    generation BIGINT  NOT NULL,
    CONSTRAINT ck_authorization_rule_generation_single CHECK (id = 1)
);

INSERT INTO authorization_rule_generation (id, generation) VALUES (1, 0);
