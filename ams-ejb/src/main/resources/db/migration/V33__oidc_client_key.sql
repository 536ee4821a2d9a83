-- A private-key JWT client credential for the OpenID Connect provider: AMS signs a short assertion with a key of its
-- own instead of sending a client secret. The key pair is made by AMS (the private key sealed under the master key,
-- like other secrets); the provider learns the public half from AMS's JWKS address or from the certificate an
-- administrator uploads there. The provider row says which credential AMS uses; a provider set up with the key
-- needs no secret.
ALTER TABLE oidc_provider ADD COLUMN client_auth VARCHAR(16) DEFAULT 'CLIENT_SECRET' NOT NULL;
ALTER TABLE oidc_provider ALTER COLUMN client_secret_sealed DROP NOT NULL;

CREATE TABLE oidc_client_key (
    id                  INTEGER                  NOT NULL PRIMARY KEY,
    key_id              VARCHAR(64)              NOT NULL,
    private_key_sealed  VARCHAR(8192)            NOT NULL,
    certificate_pem     VARCHAR(8192)            NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
