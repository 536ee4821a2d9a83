package org.ams.platform;

/**
 * Every database column that holds a value sealed with the {@link MasterKey}, with the purpose it is sealed under.
 * The components seal and open their own values; this list is what the start-up check ({@link MasterKeyCheck}) looks
 * through to learn whether a database holds anything the master key protects. A new use of the master key adds its
 * column here and takes its purpose from here.
 */
public enum SealedColumn {

    /** The PKCS#8 private key of an encryption certificate kept in software (NULL for keys in an HSM). */
    CERTIFICATE_PRIVATE_KEY("encryption_certificate", "sealed_private_key", "encryption-certificate-key", false),
    /** The bind password of an LDAP directory source, as Base64 text. */
    DIRECTORY_BIND_PASSWORD("directory_source", "bind_password_sealed", "ldap-bind-password", true),
    /** The SMTP password of an email notification channel, as Base64 text. */
    SMTP_PASSWORD("notification_channel", "smtp_password_sealed", "smtp-password", true),
    /** The headers of a webhook notification channel (as a whole), as Base64 text. */
    WEBHOOK_HEADERS("notification_channel", "webhook_headers_sealed", "webhook-headers", true),
    /** The client secret AMS holds at its OpenID Connect provider, as Base64 text. */
    OIDC_CLIENT_SECRET("oidc_provider", "client_secret_sealed", "oidc-client-secret", true),
    /** AMS's PKCS#8 private key for the OpenID Connect private-key JWT credential, as Base64 text of Base64. */
    OIDC_CLIENT_KEY("oidc_client_key", "private_key_sealed", "oidc-client-key", true);

    private final String table;
    private final String column;
    private final String purpose;
    private final boolean base64Text;

    SealedColumn(String table, String column, String purpose, boolean base64Text) {
        this.table = table;
        this.column = column;
        this.purpose = purpose;
        this.base64Text = base64Text;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    /** The associated data the value is sealed with, so that it cannot be passed off as another kind of secret. */
    public String purpose() {
        return purpose;
    }

    /** Whether the column holds the sealed bytes as Base64 text rather than as binary. */
    public boolean base64Text() {
        return base64Text;
    }
}
