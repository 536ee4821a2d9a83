-- Directory identity sources (LDAP / Active Directory), tried after the local accounts in the order of "position".
-- The bind password is sealed with the master key (AES-256-GCM, purpose "ldap-bind-password"), stored as Base64.
CREATE TABLE directory_source (
    id                    UUID          NOT NULL PRIMARY KEY,
    name                  VARCHAR(128)  NOT NULL,
    position              INTEGER       NOT NULL,
    enabled               BOOLEAN       NOT NULL,
    url                   VARCHAR(512)  NOT NULL,
    security              VARCHAR(16)   NOT NULL,
    trusted_certificates  VARCHAR(20000),
    bind_dn               VARCHAR(1024) NOT NULL,
    bind_password_sealed  VARCHAR(2048) NOT NULL,
    user_base             VARCHAR(1024) NOT NULL,
    group_base            VARCHAR(1024) NOT NULL,
    user_attribute        VARCHAR(64)   NOT NULL,
    membership            VARCHAR(16)   NOT NULL,
    stable_id             VARCHAR(16)   NOT NULL,
    connect_timeout_ms    INTEGER       NOT NULL,
    response_timeout_ms   INTEGER       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               BIGINT        NOT NULL,
    CONSTRAINT uq_directory_source_name UNIQUE (name)
);
