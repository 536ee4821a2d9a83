-- Agent policies: per platform one default policy and an ordered list of custom policies with targets.

CREATE TABLE agent_policy (
    id                        UUID          NOT NULL PRIMARY KEY,
    platform                  VARCHAR(16)   NOT NULL,
    name                      VARCHAR(128)  NOT NULL,
    name_key                  VARCHAR(128)  NOT NULL,
    description               VARCHAR(1000),
    default_policy            BOOLEAN       NOT NULL,
    -- TRUE for the default policy, NULL for custom ones: one default per platform (no partial indexes on H2).
    default_flag              BOOLEAN,
    enabled                   BOOLEAN       NOT NULL,
    -- 1, 2, 3 ... for custom policies in evaluation order; 0 for the default policy, always evaluated last.
    position                  INTEGER       NOT NULL,
    check_in_interval_minutes INTEGER       NOT NULL,
    backup_os_drive           BOOLEAN       NOT NULL,
    backup_fixed_drives       BOOLEAN       NOT NULL,
    backup_removable_drives   BOOLEAN       NOT NULL,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    version                   BIGINT        NOT NULL,
    CONSTRAINT uq_agent_policy_name UNIQUE (platform, name_key),
    CONSTRAINT uq_agent_policy_default UNIQUE (platform, default_flag),
    CONSTRAINT ck_agent_policy_default CHECK (default_flag IS NULL OR default_flag = TRUE),
    CONSTRAINT ck_agent_policy_interval CHECK (check_in_interval_minutes BETWEEN 5 AND 1440)
);

-- What a custom policy applies to. Targets name rows of different tables, so there is no foreign key: a target
-- whose tenant, directory, group or computer was deleted simply matches nothing, and the page says it is gone.
CREATE TABLE agent_policy_target (
    policy_id   UUID        NOT NULL,
    target_kind VARCHAR(16) NOT NULL,
    -- Text, not UUID: EclipseLink binds a UUID inside an element collection as text, which PostgreSQL refuses for
    -- a uuid column.
    target_id   VARCHAR(36) NOT NULL,
    PRIMARY KEY (policy_id, target_kind, target_id),
    CONSTRAINT fk_agent_policy_target_policy FOREIGN KEY (policy_id) REFERENCES agent_policy (id) ON DELETE CASCADE
);

-- Replaced on every policy change, under a row lock: changes happen one at a time, and every server recompiles.
CREATE TABLE agent_policy_generation (
    platform   VARCHAR(16) NOT NULL PRIMARY KEY,
    generation BIGINT      NOT NULL
);

INSERT INTO agent_policy_generation (platform, generation) VALUES ('WINDOWS', 1);

-- The Windows default policy: hourly check-in, and the recovery passwords of every drive type backed up, so a
-- server that was never configured still loses no key it is offered.
INSERT INTO agent_policy (id, platform, name, name_key, description, default_policy, default_flag, enabled, position,
                          check_in_interval_minutes, backup_os_drive, backup_fixed_drives, backup_removable_drives,
                          created_at, changed_at, version)
VALUES ('00000000-0000-4000-8000-000000000010', 'WINDOWS', 'Default policy', 'default policy',
        'Applies to every Windows device that no custom policy targets.', TRUE, TRUE, TRUE, 0, 60, TRUE, TRUE, TRUE,
        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);
