-- API tokens (Settings / API tokens): a script's bearer credential for /api/v1, issued by an administrator to a user
-- (a person, or a local account kept for a script: a service account) with scopes, an expiry and a note. The secret
-- itself is never stored: only the SHA-256 of it (a random 256-bit value, so no salt or slow hash is needed) and its
-- first characters, for people to recognise it. A revoked token keeps its row, so the list and the audit log still
-- name it.
CREATE TABLE api_token (
    id               UUID          NOT NULL PRIMARY KEY,
    secret_hash      VARCHAR(64)   NOT NULL,
    secret_hint      VARCHAR(16)   NOT NULL,
    owner_source     VARCHAR(64)   NOT NULL,
    owner_id         VARCHAR(512)  NOT NULL,
    owner_name       VARCHAR(512)  NOT NULL,
    scopes           VARCHAR(256)  NOT NULL,
    note             VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(256)  NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    revoked_by       VARCHAR(256),
    last_used_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_token_secret_hash UNIQUE (secret_hash)
);

CREATE INDEX ix_api_token_created ON api_token (created_at);
