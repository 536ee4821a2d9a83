-- Foundation: local accounts and application role grants.
-- Written for PostgreSQL; the embedded H2 database runs in PostgreSQL mode with lower-case identifiers.

CREATE TABLE local_account (
    id                  UUID         NOT NULL PRIMARY KEY,
    username            VARCHAR(128) NOT NULL,
    username_key        VARCHAR(128) NOT NULL,
    display_name        VARCHAR(256),
    password_hash       VARCHAR(512) NOT NULL,
    enabled             BOOLEAN      NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT uq_local_account_username UNIQUE (username_key)
);

CREATE TABLE role_grant (
    id               UUID         NOT NULL PRIMARY KEY,
    role             VARCHAR(32)  NOT NULL,
    principal_kind   VARCHAR(16)  NOT NULL,
    principal_source VARCHAR(64)  NOT NULL,
    principal_id     VARCHAR(512) NOT NULL,
    principal_name   VARCHAR(512) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_role_grant UNIQUE (role, principal_kind, principal_source, principal_id)
);
