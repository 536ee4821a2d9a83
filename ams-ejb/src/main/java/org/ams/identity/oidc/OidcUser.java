package org.ams.identity.oidc;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A user who signed in through the provider, with the groups their token listed at their last sign-in: the only way
 * AMS learns them, since it cannot ask the provider. The effective-access tool explains decisions with them.
 */
@Entity
@Table(name = "oidc_user")
@NamedQuery(name = OidcUser.NAMED_LIKE, query = "SELECT u FROM OidcUser u WHERE u.usernameKey LIKE :pattern "
        + "ESCAPE '!' ORDER BY u.usernameKey")
public class OidcUser {

    static final String NAMED_LIKE = "OidcUser.namedLike";
    /** The most groups kept of one token; Entra ID itself sends at most 200 before its "overage". */
    static final int MAX_GROUPS = 500;

    @Id
    @Column(name = "subject", length = 255)
    private String subject;

    @Column(name = "username", nullable = false, length = 256)
    private String username;

    @Column(name = "username_key", nullable = false, length = 256)
    private String usernameKey;

    @Column(name = "last_sign_in", nullable = false)
    private OffsetDateTime lastSignIn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "oidc_user_group", joinColumns = @JoinColumn(name = "subject"))
    @Column(name = "group_id", length = OidcGroup.MAX_LENGTH)
    private Set<String> groupIds = new LinkedHashSet<>();

    protected OidcUser() {
    }

    OidcUser(String subject) {
        this.subject = subject;
    }

    /**
     * What this sign-in's token said: the user's name now and their groups' claim values (the first
     * {@value #MAX_GROUPS}; a value longer than a group column holds, which no provider sends, is left out).
     */
    void signedIn(String name, Collection<String> groups) {
        this.username = name;
        this.usernameKey = keyOf(name);
        this.lastSignIn = OffsetDateTime.now(ZoneOffset.UTC);
        this.groupIds.clear();
        groups.stream().filter(id -> id.length() <= OidcGroup.MAX_LENGTH).distinct().limit(MAX_GROUPS).forEach(this.groupIds::add);
    }

    static String keyOf(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    public String getSubject() {
        return subject;
    }

    public String getUsername() {
        return username;
    }

    public OffsetDateTime getLastSignIn() {
        return lastSignIn;
    }

    public Set<String> getGroupIds() {
        return Set.copyOf(groupIds);
    }
}
