-- Settings / Audit forwarding: one row saying whether and where audit records are forwarded as syslog messages
-- (RFC 5424) for a SIEM. trusted_ca_pem is the pinned CA certificate for TLS; NULL trusts the JVM's trust store.
CREATE TABLE audit_forwarding_settings (
    id             INTEGER       NOT NULL PRIMARY KEY,
    enabled        BOOLEAN       NOT NULL,
    transport      VARCHAR(8)    NOT NULL,
    host           VARCHAR(255),
    port           INTEGER       NOT NULL,
    facility       VARCHAR(16)   NOT NULL,
    app_name       VARCHAR(48)   NOT NULL,
    hostname       VARCHAR(255),
    trusted_ca_pem VARCHAR(20000),
    changed_at     TIMESTAMP WITH TIME ZONE,
    version        BIGINT        NOT NULL,
    CONSTRAINT ck_audit_forwarding_settings_single CHECK (id = 1)
);

-- Off until an administrator names a receiver. 6514 is syslog over TLS (RFC 5425).
INSERT INTO audit_forwarding_settings (id, enabled, transport, host, port, facility, app_name, hostname,
                                       trusted_ca_pem, changed_at, version)
VALUES (1, FALSE, 'TLS', NULL, 6514, 'LOG_AUDIT', 'ams', NULL, NULL, NULL, 0);

-- How far forwarding has come: every audit record with sequence_number <= last_forwarded was accepted by the
-- receiver. Kept apart from the settings so that the forwarder's frequent updates never collide with an
-- administrator's edit (the settings row has an optimistic version). A forwarder claims the row for a while
-- (claimed_until, claim_token) with a conditional UPDATE, so one server sends at a time; after failures it waits
-- until next_attempt_at.
CREATE TABLE audit_forwarding_cursor (
    id               INTEGER       NOT NULL PRIMARY KEY,
    last_forwarded   BIGINT        NOT NULL,
    claimed_until    TIMESTAMP WITH TIME ZONE,
    claim_token      VARCHAR(36),
    failures         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_success_at  TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    last_error_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_audit_forwarding_cursor_single CHECK (id = 1)
);

INSERT INTO audit_forwarding_cursor (id, last_forwarded, claimed_until, claim_token, failures, next_attempt_at,
                                     last_success_at, last_error, last_error_at)
VALUES (1, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL);
