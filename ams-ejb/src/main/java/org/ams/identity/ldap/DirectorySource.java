package org.ams.identity.ldap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A directory (LDAP server or Active Directory domain) people sign in with, as an administrator configured it. The
 * settings are kept as an {@link LdapSettings} value, so they can only ever hold a usable configuration.
 */
@Entity
@Table(name = "directory_source")
@NamedQuery(name = DirectorySource.IN_ORDER, query = "SELECT d FROM DirectorySource d ORDER BY d.position, d.name")
public class DirectorySource {

    static final String IN_ORDER = "DirectorySource.inOrder";
    public static final int MAX_NAME_LENGTH = 128;

    @Id
    private UUID id;

    @Column(nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false, length = 512)
    private String url;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private LdapSettings.Security security;

    @Column(name = "trusted_certificates", length = 20000)
    private String trustedCertificates;

    @Column(name = "bind_dn", nullable = false, length = 1024)
    private String bindDn;

    @Column(name = "bind_password_sealed", nullable = false, length = 2048)
    private String bindPasswordSealed;

    @Column(name = "user_base", nullable = false, length = 1024)
    private String userBase;

    @Column(name = "group_base", nullable = false, length = 1024)
    private String groupBase;

    @Column(name = "user_attribute", nullable = false, length = 64)
    private String userAttribute;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private LdapSettings.Membership membership;

    @Enumerated(EnumType.STRING)
    @Column(name = "stable_id", nullable = false, length = 16)
    private LdapSettings.StableId stableId;

    @Column(name = "connect_timeout_ms", nullable = false)
    private int connectTimeoutMillis;

    @Column(name = "response_timeout_ms", nullable = false)
    private int responseTimeoutMillis;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected DirectorySource() {
    }

    DirectorySource(String name, int position, LdapSettings settings, String bindPasswordSealed) {
        this.id = UUID.randomUUID();
        this.position = position;
        this.enabled = true;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        rename(name);
        configure(settings, bindPasswordSealed);
    }

    static String checkedName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new LdapSettings.InvalidLdapSettingsException("Give the directory a name of 1 to "
                    + MAX_NAME_LENGTH + " characters, e.g. the domain's name.");
        }
        return trimmed;
    }

    void rename(String newName) {
        this.name = checkedName(newName);
    }

    void configure(LdapSettings settings, String sealedPassword) {
        this.url = settings.url();
        this.security = settings.security();
        this.trustedCertificates = settings.trustedCertificates().isEmpty() ? null : settings.trustedCertificates();
        this.bindDn = settings.bindDn();
        this.userBase = settings.userBase();
        this.groupBase = settings.groupBase();
        this.userAttribute = settings.userAttribute();
        this.membership = settings.membership();
        this.stableId = settings.stableId();
        this.connectTimeoutMillis = settings.connectTimeoutMillis();
        this.responseTimeoutMillis = settings.responseTimeoutMillis();
        if (sealedPassword != null) {
            this.bindPasswordSealed = sealedPassword;
        }
    }

    void enable(boolean enable) {
        this.enabled = enable;
    }

    void moveTo(int newPosition) {
        this.position = newPosition;
    }

    public LdapSettings settings() {
        return new LdapSettings(url, security, trustedCertificates, bindDn, userBase, groupBase, userAttribute,
                membership, stableId, connectTimeoutMillis, responseTimeoutMillis);
    }

    /** The key principals of this directory carry: it never changes, even when the directory is renamed. */
    public String sourceKey() {
        return LdapIdentitySource.KEY_PREFIX + id;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getPosition() {
        return position;
    }

    public boolean isEnabled() {
        return enabled;
    }

    String getBindPasswordSealed() {
        return bindPasswordSealed;
    }
}
