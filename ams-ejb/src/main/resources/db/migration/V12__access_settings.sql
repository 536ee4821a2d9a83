-- One row: how access requests are shaped (reason mode, help text shown with a denial) and rate-limited.
CREATE TABLE access_settings (
    id                 INTEGER       NOT NULL PRIMARY KEY,
    reason_mode        VARCHAR(16)   NOT NULL,
    denied_help_text   VARCHAR(2000),
    user_per_minute    INTEGER       NOT NULL,
    user_per_hour      INTEGER       NOT NULL,
    user_per_day       INTEGER       NOT NULL,
    address_per_minute INTEGER       NOT NULL,
    address_per_hour   INTEGER       NOT NULL,
    address_per_day    INTEGER       NOT NULL,
    changed_at         TIMESTAMP WITH TIME ZONE,
    version            BIGINT        NOT NULL,
    CONSTRAINT ck_access_settings_single CHECK (id = 1)
);

-- A reason is required: the guide's helpdesk user states one, and the audit log keeps it. The limits leave a
-- technician on the phone plenty of room and stop a script harvesting keys.
INSERT INTO access_settings (id, reason_mode, denied_help_text, user_per_minute, user_per_hour, user_per_day,
                             address_per_minute, address_per_hour, address_per_day, changed_at, version)
VALUES (1, 'REQUIRED', NULL, 10, 60, 200, 30, 300, 1000, NULL, 0);
