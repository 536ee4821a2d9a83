-- Local groups: groups of local accounts, kept by AMS itself. Roles granted to a group reach its members at sign-in.
-- name_key is the lower-cased name, so that "Auditors" and "auditors" cannot both exist.
CREATE TABLE local_group (
    id          UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    name_key    VARCHAR(128) NOT NULL,
    description VARCHAR(512),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT       NOT NULL,
    CONSTRAINT uq_local_group_name UNIQUE (name_key)
);

CREATE TABLE local_group_member (
    group_id   UUID NOT NULL,
    account_id UUID NOT NULL,
    CONSTRAINT pk_local_group_member PRIMARY KEY (group_id, account_id),
    CONSTRAINT fk_local_group_member_group FOREIGN KEY (group_id) REFERENCES local_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_local_group_member_account FOREIGN KEY (account_id) REFERENCES local_account (id) ON DELETE CASCADE
);

-- Sign-in looks up the groups of one account.
CREATE INDEX ix_local_group_member_account ON local_group_member (account_id);
