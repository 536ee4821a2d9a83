-- The audit trail of administrative actions (append-only).
CREATE TABLE audit_event (
    id          UUID          NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(256)  NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    target_type VARCHAR(64)   NOT NULL,
    target_id   VARCHAR(128),
    target_name VARCHAR(512),
    details     VARCHAR(4000)
);

CREATE INDEX ix_audit_event_occurred_at ON audit_event (occurred_at);
