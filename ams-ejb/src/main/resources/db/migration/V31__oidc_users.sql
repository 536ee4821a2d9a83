-- The users who signed in through the OpenID Connect provider, with the groups their token listed at their last
-- sign-in: AMS cannot ask the provider who belongs to what, so the effective-access tool explains a decision for such
-- a user with the groups they last signed in with.
CREATE TABLE oidc_user (
    subject       VARCHAR(255)             NOT NULL PRIMARY KEY,
    username      VARCHAR(256)             NOT NULL,
    username_key  VARCHAR(256)             NOT NULL,
    last_sign_in  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oidc_user_username_key ON oidc_user (username_key);

CREATE TABLE oidc_user_group (
    subject   VARCHAR(255) NOT NULL REFERENCES oidc_user (subject) ON DELETE CASCADE,
    group_id  VARCHAR(256) NOT NULL,
    PRIMARY KEY (subject, group_id)
);
