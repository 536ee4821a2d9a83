-- Single sign-on with OpenID Connect: at most one provider (row id 1), its client secret sealed under the master
-- key like other secrets, and whether password sign-in is left to the local administrator alone.
CREATE TABLE oidc_provider (
    id                    INTEGER       NOT NULL PRIMARY KEY,
    enabled               BOOLEAN       NOT NULL,
    issuer                VARCHAR(512)  NOT NULL,
    client_id             VARCHAR(256)  NOT NULL,
    client_secret_sealed  VARCHAR(2048) NOT NULL,
    scopes                VARCHAR(512)  NOT NULL,
    username_claim        VARCHAR(64)   NOT NULL,
    groups_claim          VARCHAR(64)   NOT NULL,
    button_label          VARCHAR(64)   NOT NULL,
    password_admin_only   BOOLEAN       NOT NULL,
    version               BIGINT        NOT NULL
);

-- The groups a token may carry that an administrator named, so that the principal pickers can offer them: the claim
-- value as the token sends it (a Keycloak group path, an Entra group object id) and the name people know it by.
CREATE TABLE oidc_group (
    claim_value  VARCHAR(256) NOT NULL PRIMARY KEY,
    display_name VARCHAR(256) NOT NULL
);
