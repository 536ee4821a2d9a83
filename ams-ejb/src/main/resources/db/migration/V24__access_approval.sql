-- Two-person approval: an authorization rule may require that N members of a principal (a user, a local group or a
-- directory group) approve each request for recovery passwords it grants, before the passwords are shown.
-- approvals_required 0 means no approval (every rule until now). The approver principal is referred to by source
-- and stable id, like ACL entries. The window is how long an approved request may be read after its last approval;
-- approval_single_read limits that to one read.
ALTER TABLE authorization_rule ADD COLUMN approvals_required INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE authorization_rule ADD COLUMN approver_kind VARCHAR(16);
ALTER TABLE authorization_rule ADD COLUMN approver_source VARCHAR(64);
ALTER TABLE authorization_rule ADD COLUMN approver_id VARCHAR(512);
ALTER TABLE authorization_rule ADD COLUMN approver_name VARCHAR(512);
ALTER TABLE authorization_rule ADD COLUMN approval_window_minutes INTEGER DEFAULT 60 NOT NULL;
ALTER TABLE authorization_rule ADD COLUMN approval_single_read BOOLEAN DEFAULT TRUE NOT NULL;

-- Settings: how long a request waits for its approvals before it expires unapproved.
ALTER TABLE access_settings ADD COLUMN approval_expiry_minutes INTEGER DEFAULT 1440 NOT NULL;

-- A request for a computer's recovery passwords that its granting rule said must be approved first. The rule's
-- terms (how many approvals, the window, one read or many) are copied when the request is made; who may approve is
-- read from the rule at each decision. No foreign keys to devices or rules: the request and its history stay when
-- either is deleted (a deleted rule's request can no longer be approved).
CREATE TABLE approval_request (
    id                   UUID          NOT NULL PRIMARY KEY,
    device_id            UUID          NOT NULL,
    computer_name        VARCHAR(255)  NOT NULL,
    requester_source     VARCHAR(64)   NOT NULL,
    requester_id         VARCHAR(512)  NOT NULL,
    requester_name       VARCHAR(512)  NOT NULL,
    reason               VARCHAR(1000),
    client_address       VARCHAR(64)   NOT NULL,
    rule_id              UUID          NOT NULL,
    rule_description     VARCHAR(500)  NOT NULL,
    approvals_required   INTEGER       NOT NULL,
    window_minutes       INTEGER       NOT NULL,
    single_read          BOOLEAN       NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    requested_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at           TIMESTAMP WITH TIME ZONE,
    readable_until       TIMESTAMP WITH TIME ZONE,
    reads                INTEGER       DEFAULT 0 NOT NULL,
    audit_sequence       BIGINT        NOT NULL,
    version              BIGINT        NOT NULL,
    CONSTRAINT ck_approval_request_state
        CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'USED'))
);

CREATE INDEX ix_approval_request_requester ON approval_request (requester_source, requester_id, requested_at);
CREATE INDEX ix_approval_request_state ON approval_request (state, requested_at);

-- One approver's approval or rejection of one request; an approver decides a request once.
CREATE TABLE approval_decision (
    id               UUID          NOT NULL PRIMARY KEY,
    request_id       UUID          NOT NULL,
    approver_source  VARCHAR(64)   NOT NULL,
    approver_id      VARCHAR(512)  NOT NULL,
    approver_name    VARCHAR(512)  NOT NULL,
    approved         BOOLEAN       NOT NULL,
    comment_text     VARCHAR(1000),
    decided_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_approval_decision_request FOREIGN KEY (request_id) REFERENCES approval_request (id)
        ON DELETE CASCADE,
    CONSTRAINT uq_approval_decision_approver UNIQUE (request_id, approver_source, approver_id)
);
