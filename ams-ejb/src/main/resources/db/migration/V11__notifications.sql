-- Notification channels (Settings / Notification channels) and the outbox their messages wait in.
-- Secrets are sealed with the master key (AES-256-GCM) and stored as Base64: the SMTP password under purpose
-- "smtp-password", the webhook headers as a whole under purpose "webhook-headers".
CREATE TABLE notification_channel (
    id                      UUID          NOT NULL PRIMARY KEY,
    name                    VARCHAR(128)  NOT NULL,
    kind                    VARCHAR(16)   NOT NULL,
    enabled                 BOOLEAN       NOT NULL,
    global_channel          BOOLEAN       NOT NULL,
    deny_on_failure         BOOLEAN       NOT NULL,
    smtp_host               VARCHAR(255),
    smtp_port               INTEGER,
    smtp_security           VARCHAR(16),
    smtp_username           VARCHAR(256),
    smtp_password_sealed    VARCHAR(2048),
    mail_from               VARCHAR(320),
    mail_recipients         VARCHAR(20000),
    subject_template        VARCHAR(500),
    webhook_url             VARCHAR(2048),
    webhook_method          VARCHAR(8),
    webhook_headers_sealed  VARCHAR(12000),
    body_template           VARCHAR(20000) NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT        NOT NULL,
    CONSTRAINT uq_notification_channel_name UNIQUE (name)
);

-- One row per (notification, channel). Written in the access request's own transaction; delivered by a background
-- worker that claims a row by setting claimed_until/claim_token with a conditional UPDATE (works the same on H2 and
-- PostgreSQL, and across servers). Deleting a channel drops its queue.
CREATE TABLE notification_outbox (
    id               UUID          NOT NULL PRIMARY KEY,
    channel_id       UUID          NOT NULL,
    channel_name     VARCHAR(128)  NOT NULL,
    request_id       VARCHAR(128),
    payload          VARCHAR(30000) NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until    TIMESTAMP WITH TIME ZONE,
    claim_token      VARCHAR(36),
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    last_outcome     VARCHAR(1000),
    version          BIGINT        NOT NULL,
    CONSTRAINT fk_notification_outbox_channel FOREIGN KEY (channel_id) REFERENCES notification_channel (id)
        ON DELETE CASCADE
);

CREATE INDEX ix_notification_outbox_due ON notification_outbox (state, next_attempt_at);
CREATE INDEX ix_notification_outbox_channel ON notification_outbox (channel_id, state);
CREATE INDEX ix_notification_outbox_created ON notification_outbox (created_at);
