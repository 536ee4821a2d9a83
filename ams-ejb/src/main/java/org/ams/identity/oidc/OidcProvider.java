package org.ams.identity.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The one OpenID Connect provider, as a row: its {@link OidcSettings} and its client secret, sealed. */
@Entity
@Table(name = "oidc_provider")
public class OidcProvider {

    static final int ID = 1;

    @Id
    private int id;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false, length = 512)
    private String issuer;

    @Column(name = "client_id", nullable = false, length = 256)
    private String clientId;

    @Column(name = "client_secret_sealed", length = 2048)
    private String clientSecretSealed;

    @Enumerated(EnumType.STRING)
    @Column(name = "client_auth", nullable = false, length = 16)
    private OidcClientAuth clientAuth = OidcClientAuth.CLIENT_SECRET;

    @Column(nullable = false, length = 512)
    private String scopes;

    @Column(name = "username_claim", nullable = false, length = 64)
    private String usernameClaim;

    @Column(name = "groups_claim", nullable = false, length = 64)
    private String groupsClaim;

    @Column(name = "button_label", nullable = false, length = 64)
    private String buttonLabel;

    @Column(name = "password_admin_only", nullable = false)
    private boolean passwordAdminOnly;

    @Version
    private long version;

    protected OidcProvider() {
    }

    OidcProvider(OidcSettings settings, String sealedSecret, OidcClientAuth clientAuth) {
        this.id = ID;
        configure(settings, sealedSecret, clientAuth);
    }

    void configure(OidcSettings settings, String sealedSecret, OidcClientAuth clientAuth) {
        this.clientAuth = clientAuth;
        this.enabled = settings.enabled();
        this.issuer = settings.issuer();
        this.clientId = settings.clientId();
        this.scopes = settings.scopes();
        this.usernameClaim = settings.usernameClaim();
        this.groupsClaim = settings.groupsClaim();
        this.buttonLabel = settings.buttonLabel();
        this.passwordAdminOnly = settings.passwordAdminOnly();
        if (sealedSecret != null) {
            this.clientSecretSealed = sealedSecret;
        }
    }

    public OidcSettings settings() {
        return new OidcSettings(enabled, issuer, clientId, scopes, usernameClaim, groupsClaim, buttonLabel,
                passwordAdminOnly);
    }

    String getClientSecretSealed() {
        return clientSecretSealed;
    }

    boolean hasClientSecret() {
        return clientSecretSealed != null;
    }

    public OidcClientAuth getClientAuth() {
        return clientAuth;
    }
}
