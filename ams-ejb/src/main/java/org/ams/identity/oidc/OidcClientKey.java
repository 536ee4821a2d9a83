package org.ams.identity.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * AMS's own key for the private-key JWT client credential, as a row: the private key sealed under the master key, the
 * self-signed certificate that carries its public half (what an administrator uploads to Entra ID), and the key id
 * AMS's assertions and JWKS name it by. One key at a time; generating another replaces it.
 */
@Entity
@Table(name = "oidc_client_key")
public class OidcClientKey {

    static final int ID = 1;

    @Id
    private int id;

    @Column(name = "key_id", nullable = false, length = 64)
    private String keyId;

    @Column(name = "private_key_sealed", nullable = false, length = 8192)
    private String privateKeySealed;

    @Column(name = "certificate_pem", nullable = false, length = 8192)
    private String certificatePem;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected OidcClientKey() {
    }

    OidcClientKey(String keyId, String privateKeySealed, String certificatePem) {
        this.id = ID;
        replace(keyId, privateKeySealed, certificatePem);
    }

    void replace(String keyId, String privateKeySealed, String certificatePem) {
        this.keyId = keyId;
        this.privateKeySealed = privateKeySealed;
        this.certificatePem = certificatePem;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String getKeyId() {
        return keyId;
    }

    String getPrivateKeySealed() {
        return privateKeySealed;
    }

    public String getCertificatePem() {
        return certificatePem;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
