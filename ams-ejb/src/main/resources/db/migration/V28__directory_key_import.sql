-- BitLocker key import from Active Directory: each directory source may read the msFVE-RecoveryInformation objects
-- under its computers, seal every recovery password to the active encryption certificate and keep it as escrowed
-- history of the computer, incrementally by uSNChanged.

-- A computer imported from a directory has no agent yet, hence no public key (state IMPORTED); the agent's
-- registration from the same computer fills them in.
ALTER TABLE device ALTER COLUMN public_key DROP NOT NULL;
ALTER TABLE device ALTER COLUMN public_key_sha256 DROP NOT NULL;

-- Active Directory does not record a volume's drive type: NULL for an imported key.
ALTER TABLE recovery_key ALTER COLUMN drive_type DROP NOT NULL;
-- Where a key came from when it was not uploaded by the device's agent, e.g. "imported from AD Corp at ...".
ALTER TABLE recovery_key ADD COLUMN origin VARCHAR(300);
-- When a full scan of its origin no longer found it (deleted there); the key itself is kept.
ALTER TABLE recovery_key ADD COLUMN origin_removed_at TIMESTAMP WITH TIME ZONE;

-- One row per directory source with key import set up: the administrator's settings, the sync state (the domain
-- controller read and the highest uSNChanged imported from it), the run under way (its USN window and counts, so
-- that a run stopped part way resumes) and the last run's outcome. A node runs an import only after its conditional
-- UPDATE set claim_token while no unexpired claim was there. Ids that may be NULL are text (EclipseLink's UUID
-- converter cannot read a NULL UUID).
CREATE TABLE directory_key_import (
    directory_source_id UUID          NOT NULL PRIMARY KEY,
    enabled             BOOLEAN       NOT NULL,
    search_bases        VARCHAR(4000) NOT NULL,
    interval_minutes    INTEGER       NOT NULL,
    tenant_id           UUID          NOT NULL,
    device_directory_id UUID          NOT NULL,
    device_group_id     VARCHAR(36),
    dc_identity         VARCHAR(1024),
    highest_usn         BIGINT,
    last_full_scan_at   TIMESTAMP WITH TIME ZONE,
    run_id              VARCHAR(36),
    run_full            BOOLEAN,
    run_dc_identity     VARCHAR(1024),
    run_usn_floor       BIGINT,
    run_usn_ceiling     BIGINT,
    run_max_usn         BIGINT,
    run_started_at      TIMESTAMP WITH TIME ZONE,
    run_counts          VARCHAR(400),
    run_errors          VARCHAR(4000),
    claim_token         VARCHAR(36),
    claimed_until       TIMESTAMP WITH TIME ZONE,
    last_run_at         TIMESTAMP WITH TIME ZONE,
    last_run_summary    VARCHAR(1000),
    last_run_errors     VARCHAR(4000),
    last_run_failed     BOOLEAN       NOT NULL,
    version             BIGINT        NOT NULL,
    CONSTRAINT fk_key_import_source FOREIGN KEY (directory_source_id) REFERENCES directory_source (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_key_import_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_key_import_directory FOREIGN KEY (device_directory_id) REFERENCES directory (id),
    CONSTRAINT ck_key_import_interval CHECK (interval_minutes BETWEEN 5 AND 10080)
);

-- A computer object of a directory (by its objectGUID) and the AMS device it is.
CREATE TABLE imported_computer (
    id                  UUID          NOT NULL PRIMARY KEY,
    directory_source_id UUID          NOT NULL,
    object_guid         VARCHAR(36)   NOT NULL,
    object_sid          VARCHAR(184),
    distinguished_name  VARCHAR(2048) NOT NULL,
    device_id           UUID          NOT NULL,
    imported_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT        NOT NULL,
    CONSTRAINT fk_imported_computer_source FOREIGN KEY (directory_source_id) REFERENCES directory_source (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_imported_computer_device FOREIGN KEY (device_id) REFERENCES device (id),
    CONSTRAINT uq_imported_computer UNIQUE (directory_source_id, object_guid)
);
CREATE INDEX ix_imported_computer_device ON imported_computer (device_id);

-- An msFVE-RecoveryInformation object read (by its objectGUID), the uSNChanged it had, and the key it became.
-- seen_run is the last run that read it: after a full scan, the keys of those it did not read are marked removed.
CREATE TABLE imported_recovery_information (
    id                  UUID          NOT NULL PRIMARY KEY,
    directory_source_id UUID          NOT NULL,
    object_guid         VARCHAR(36)   NOT NULL,
    computer_id         UUID          NOT NULL,
    recovery_key_id     UUID          NOT NULL,
    usn_changed         BIGINT        NOT NULL,
    seen_run            VARCHAR(36),
    version             BIGINT        NOT NULL,
    CONSTRAINT fk_imported_info_source FOREIGN KEY (directory_source_id) REFERENCES directory_source (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_imported_info_computer FOREIGN KEY (computer_id) REFERENCES imported_computer (id)
        ON DELETE CASCADE,
    -- A purge of a deleted device's keys takes their records along; the import skips computers whose device is deleted.
    CONSTRAINT fk_imported_info_key FOREIGN KEY (recovery_key_id) REFERENCES recovery_key (id) ON DELETE CASCADE,
    CONSTRAINT uq_imported_info UNIQUE (directory_source_id, object_guid)
);
CREATE INDEX ix_imported_info_key ON imported_recovery_information (recovery_key_id);
