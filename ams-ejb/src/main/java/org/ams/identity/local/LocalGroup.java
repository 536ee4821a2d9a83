package org.ams.identity.local;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.identity.PrincipalRef;

/**
 * A group of local accounts, kept by AMS itself. Roles granted to it on Settings / Roles reach its members at sign-in,
 * as they do for a directory group.
 */
@Entity
@Table(name = "local_group")
@NamedQuery(name = LocalGroup.ALL, query = "SELECT g FROM LocalGroup g ORDER BY g.nameKey")
@NamedQuery(name = LocalGroup.BY_NAME_KEY, query = "SELECT g FROM LocalGroup g WHERE g.nameKey = :nameKey")
@NamedQuery(name = LocalGroup.NAMED_LIKE, query = "SELECT g FROM LocalGroup g WHERE g.nameKey LIKE :pattern "
        + "ESCAPE '!' ORDER BY g.nameKey")
@NamedQuery(name = LocalGroup.OF_MEMBER, query = "SELECT g FROM LocalGroup g JOIN g.members m "
        + "WHERE m.id = :accountId ORDER BY g.nameKey")
public class LocalGroup {

    static final String ALL = "LocalGroup.all";
    static final String BY_NAME_KEY = "LocalGroup.byNameKey";
    static final String NAMED_LIKE = "LocalGroup.namedLike";
    public static final String OF_MEMBER = "LocalGroup.ofMember";
    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_DESCRIPTION_LENGTH = 512;

    @Id
    private UUID id;

    @Column(nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    /** Lower-cased name: two groups whose names differ only in case would be mistaken for each other. */
    @Column(name = "name_key", nullable = false, unique = true, length = MAX_NAME_LENGTH)
    private String nameKey;

    @Column(length = MAX_DESCRIPTION_LENGTH)
    private String description;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @ManyToMany
    @JoinTable(name = "local_group_member",
            joinColumns = @JoinColumn(name = "group_id"),
            inverseJoinColumns = @JoinColumn(name = "account_id"))
    private Set<LocalAccount> members = new LinkedHashSet<>();

    @Version
    private long version;

    protected LocalGroup() {
    }

    LocalGroup(String name, String description) {
        this.id = UUID.randomUUID();
        this.name = checkedName(name);
        this.nameKey = keyOf(this.name);
        this.description = checkedDescription(description);
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The name as stored, trimmed; refuses an empty or too long one with a message a person can act on. */
    static String checkedName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new LocalGroupException(LocalGroupException.Reason.EMPTY_NAME, "A group needs a name.");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new LocalGroupException(LocalGroupException.Reason.NAME_TOO_LONG,
                    "A group name has at most " + MAX_NAME_LENGTH + " characters.");
        }
        return trimmed;
    }

    /** The description as stored: {@code null} when blank. */
    static String checkedDescription(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String trimmed = description.strip();
        if (trimmed.length() > MAX_DESCRIPTION_LENGTH) {
            throw new LocalGroupException(LocalGroupException.Reason.DESCRIPTION_TOO_LONG,
                    "A group description has at most " + MAX_DESCRIPTION_LENGTH + " characters.");
        }
        return trimmed;
    }

    static String keyOf(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    void rename(String newName) {
        this.name = checkedName(newName);
        this.nameKey = keyOf(this.name);
    }

    /** @return whether the account was not a member yet */
    boolean add(LocalAccount account) {
        return members.add(account);
    }

    /** @return whether the account was a member */
    boolean remove(LocalAccount account) {
        return members.removeIf(member -> member.getId().equals(account.getId()));
    }

    /** How it appears among principals: by its id, which survives a rename. */
    public PrincipalRef principal() {
        return PrincipalRef.group(LocalAccountService.SOURCE, id.toString(), name);
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** The members, by user name. */
    public List<LocalAccount> getMembers() {
        return members.stream().sorted(Comparator.comparing(LocalAccount::getUsername, String.CASE_INSENSITIVE_ORDER))
                .collect(Collectors.toList());
    }
}
