-- Encryption certificates, the vault of sealed secrets, and certificate rotation jobs.

CREATE TABLE encryption_certificate (
    id                 UUID          NOT NULL PRIMARY KEY,
    subject            VARCHAR(512)  NOT NULL,
    thumbprint_sha256  VARCHAR(64)   NOT NULL,
    key_algorithm      VARCHAR(16)   NOT NULL,
    key_size           INTEGER       NOT NULL,
    not_before         TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after          TIMESTAMP WITH TIME ZONE NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    -- TRUE for the one active certificate, NULL otherwise: the unique constraint lets at most one row be active,
    -- on PostgreSQL and H2 alike (H2 has no partial indexes).
    active             BOOLEAN,
    origin             VARCHAR(16)   NOT NULL,
    key_storage        VARCHAR(16)   NOT NULL,
    certificate_der    BYTEA         NOT NULL,
    -- PKCS#8 private key sealed with the master key (AES-256-GCM); NULL for keys that live in an HSM.
    sealed_private_key BYTEA,
    token_key_alias    VARCHAR(128),
    backed_up_at       TIMESTAMP WITH TIME ZONE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at       TIMESTAMP WITH TIME ZONE,
    version            BIGINT        NOT NULL,
    CONSTRAINT uq_encryption_certificate_thumbprint UNIQUE (thumbprint_sha256),
    CONSTRAINT uq_encryption_certificate_active UNIQUE (active),
    CONSTRAINT ck_encryption_certificate_active CHECK (active IS NULL OR active = TRUE)
);

-- Every secret AMS keeps, as a CMS envelope sealed to one encryption certificate.
CREATE TABLE sealed_secret (
    id             UUID          NOT NULL PRIMARY KEY,
    kind           VARCHAR(32)   NOT NULL,
    envelope       BYTEA         NOT NULL,
    certificate_id UUID          NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    sealed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT        NOT NULL,
    CONSTRAINT fk_sealed_secret_certificate FOREIGN KEY (certificate_id) REFERENCES encryption_certificate (id)
);

CREATE INDEX ix_sealed_secret_certificate ON sealed_secret (certificate_id, id);

-- Re-encryption of every sealed secret to a newly activated certificate; the cursor lets it resume after a restart.
CREATE TABLE certificate_rotation (
    id                    UUID         NOT NULL PRIMARY KEY,
    target_certificate_id UUID         NOT NULL,
    state                 VARCHAR(16)  NOT NULL,
    -- Text, not UUID: EclipseLink 4.0 cannot read a NULL into a UUID attribute.
    cursor_id             VARCHAR(36),
    total                 INTEGER      NOT NULL,
    rewrapped             INTEGER      NOT NULL,
    failed                INTEGER      NOT NULL,
    started_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at           TIMESTAMP WITH TIME ZONE,
    version               BIGINT       NOT NULL,
    CONSTRAINT fk_certificate_rotation_target FOREIGN KEY (target_certificate_id)
        REFERENCES encryption_certificate (id) ON DELETE CASCADE
);

CREATE INDEX ix_certificate_rotation_state ON certificate_rotation (state);
