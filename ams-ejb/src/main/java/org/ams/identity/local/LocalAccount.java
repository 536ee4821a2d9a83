package org.ams.identity.local;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.ams.identity.PrincipalRef;

/** A user account kept by AMS itself, as opposed to one found in a directory. */
@Entity
@Table(name = "local_account")
@NamedQuery(name = LocalAccount.BY_USERNAME_KEY,
        query = "SELECT a FROM LocalAccount a WHERE a.usernameKey = :usernameKey")
@NamedQuery(name = LocalAccount.ALL, query = "SELECT a FROM LocalAccount a ORDER BY a.usernameKey")
@NamedQuery(name = LocalAccount.NAMED_LIKE, query = "SELECT a FROM LocalAccount a WHERE a.usernameKey LIKE :pattern "
        + "ESCAPE '!' OR LOWER(a.displayName) LIKE :pattern ESCAPE '!' ORDER BY a.usernameKey")
public class LocalAccount {

    static final String BY_USERNAME_KEY = "LocalAccount.byUsernameKey";
    static final String ALL = "LocalAccount.all";
    static final String NAMED_LIKE = "LocalAccount.namedLike";
    public static final int MAX_USERNAME_LENGTH = 128;
    public static final int MAX_EMAIL_LENGTH = 254;

    @Id
    private UUID id;

    @Column(nullable = false, length = MAX_USERNAME_LENGTH)
    private String username;

    /** Lower-cased user name: sign-in is case-insensitive, as it is in Active Directory. */
    @Column(name = "username_key", nullable = false, unique = true, length = MAX_USERNAME_LENGTH)
    private String usernameKey;

    @Column(name = "display_name", length = 256)
    private String displayName;

    /** Where AMS writes to the account's user, e.g. when a request of theirs is approved; may be absent. */
    @Column(length = MAX_EMAIL_LENGTH)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "password_changed_at", nullable = false)
    private OffsetDateTime passwordChangedAt;

    @Version
    private long version;

    protected LocalAccount() {
    }

    LocalAccount(String username, String displayName, String passwordHash) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.usernameKey = keyOf(username);
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.enabled = true;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.passwordChangedAt = createdAt;
    }

    public static String keyOf(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    void enable(boolean enable) {
        this.enabled = enable;
    }

    /** How it appears among principals: by its id, which survives a rename. */
    public PrincipalRef principal() {
        return PrincipalRef.user(LocalAccountService.SOURCE, id.toString(), username);
    }

    void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
        this.passwordChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Optional<String> getEmail() {
        return Optional.ofNullable(email);
    }

    void changeEmail(String email) {
        this.email = email;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getPasswordChangedAt() {
        return passwordChangedAt;
    }
}
