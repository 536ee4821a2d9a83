-- Failed sign-ins, counted by every server that shares the database (issue: several nodes on one database). One row
-- per failure and subject ("account:<key>" or "address:<client address>"); rows older than the failure window are
-- deleted as new failures arrive. A restart no longer forgets them.
CREATE TABLE sign_in_failure (
    id        UUID         NOT NULL PRIMARY KEY,
    subject   VARCHAR(320) NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_sign_in_failure_subject ON sign_in_failure (subject, failed_at);
CREATE INDEX ix_sign_in_failure_failed_at ON sign_in_failure (failed_at);
