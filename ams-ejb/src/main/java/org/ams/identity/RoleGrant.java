package org.ams.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One application role granted to one user or group of one identity source. Principals are referred to by their
 * source's stable id, not their name, so that renaming a user or group does not silently change who holds a role.
 */
@Entity
@Table(name = "role_grant")
@NamedQuery(name = RoleGrant.FOR_PRINCIPAL, query = "SELECT g FROM RoleGrant g WHERE g.principalKind = :kind "
        + "AND g.principalSource = :source AND g.principalId = :principalId")
@NamedQuery(name = RoleGrant.ALL, query = "SELECT g FROM RoleGrant g ORDER BY g.role, g.principalName")
@NamedQuery(name = RoleGrant.DELETE_FOR_SOURCE, query = "DELETE FROM RoleGrant g WHERE g.principalSource = :source")
@NamedQuery(name = RoleGrant.DELETE_FOR_PRINCIPAL, query = "DELETE FROM RoleGrant g WHERE g.principalKind = :kind "
        + "AND g.principalSource = :source AND g.principalId = :principalId")
public class RoleGrant {

    public static final String FOR_PRINCIPAL = "RoleGrant.forPrincipal";
    public static final String ALL = "RoleGrant.all";
    public static final String DELETE_FOR_SOURCE = "RoleGrant.deleteForSource";
    public static final String DELETE_FOR_PRINCIPAL = "RoleGrant.deleteForPrincipal";

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Role role;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_kind", nullable = false, length = 16)
    private PrincipalKind principalKind;

    @Column(name = "principal_source", nullable = false, length = 64)
    private String principalSource;

    @Column(name = "principal_id", nullable = false, length = 512)
    private String principalId;

    @Column(name = "principal_name", nullable = false, length = 512)
    private String principalName;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected RoleGrant() {
    }

    public RoleGrant(Role role, PrincipalKind kind, String source, String principalId, String principalName) {
        this.id = UUID.randomUUID();
        this.role = role;
        this.principalKind = kind;
        this.principalSource = source;
        this.principalId = principalId;
        this.principalName = principalName;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public RoleGrant(Role role, PrincipalRef principal) {
        this(role, principal.kind(), principal.source(), principal.id(), principal.name());
    }

    public UUID getId() {
        return id;
    }

    public PrincipalRef principal() {
        return new PrincipalRef(principalKind, principalSource, principalId, principalName);
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public Role getRole() {
        return role;
    }

    public PrincipalKind getPrincipalKind() {
        return principalKind;
    }

    public String getPrincipalName() {
        return principalName;
    }
}
