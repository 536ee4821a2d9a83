package org.ams.authz;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;

/** One stored ACL entry of a rule; see {@link AccessControlEntry} for its meaning. */
@Entity
@Table(name = "authorization_rule_entry")
class AuthorizationRuleEntry {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "rule_id")
    private AuthorizationRule rule;

    @Column(name = "entry_order", nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_kind", nullable = false, length = 16)
    private PrincipalKind principalKind;

    @Column(name = "principal_source", nullable = false, length = AccessControlEntry.MAX_SOURCE)
    private String principalSource;

    @Column(name = "principal_id", nullable = false, length = AccessControlEntry.MAX_ID)
    private String principalId;

    @Column(name = "principal_name", nullable = false, length = AccessControlEntry.MAX_NAME)
    private String principalName;

    @Enumerated(EnumType.STRING)
    @Column(name = "access_type", nullable = false, length = 8)
    private Access access;

    @Convert(converter = PermissionNames.class)
    @Column(nullable = false, length = 1000)
    private Set<Permission> permissions;

    protected AuthorizationRuleEntry() {
    }

    AuthorizationRuleEntry(AuthorizationRule rule, int position, AccessControlEntry entry) {
        this.id = UUID.randomUUID();
        this.rule = rule;
        this.position = position;
        this.principalKind = entry.principal().kind();
        this.principalSource = entry.principal().source();
        this.principalId = entry.principal().id();
        this.principalName = entry.principal().name();
        this.access = entry.access();
        this.permissions = entry.permissions();
    }

    /** Empty when none of the stored permissions is known to this version (see {@link PermissionNames}). */
    Optional<AccessControlEntry> toEntry() {
        if (permissions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AccessControlEntry(
                new PrincipalRef(principalKind, principalSource, principalId, principalName), access, permissions));
    }

    int getPosition() {
        return position;
    }
}
