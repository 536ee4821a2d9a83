package org.ams.identity.local;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.identity.PrincipalRef;
import org.ams.identity.RoleGrant;
import org.ams.identity.local.LocalGroupException.Reason;
import org.ams.platform.LikePattern;
import org.ams.security.RoleNames;

/**
 * Local groups (Settings / Authentication): creating, renaming and deleting them, and who belongs to them. Every change
 * is recorded in the audit trail in the same transaction; a refused change changes nothing.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class LocalGroupService {

    private static final String AUDIT_TYPE = "LocalGroup";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    public List<LocalGroup> list() {
        List<LocalGroup> groups = em.createNamedQuery(LocalGroup.ALL, LocalGroup.class).getResultList();
        // Pages show the members after the transaction has ended.
        groups.forEach(group -> group.getMembers().size());
        return groups;
    }

    public LocalGroup create(String name, String description) {
        LocalGroup group = new LocalGroup(name, description);
        requireUnusedName(group.getName(), null);
        em.persist(group);
        audit.record("local-group.created", AUDIT_TYPE, group.getId().toString(), group.getName(),
                group.getDescription());
        return group;
    }

    public LocalGroup rename(UUID id, String newName) {
        LocalGroup group = get(id);
        String oldName = group.getName();
        String checked = LocalGroup.checkedName(newName);
        requireUnusedName(checked, id);
        group.rename(checked);
        audit.record("local-group.renamed", AUDIT_TYPE, id.toString(), group.getName(),
                "from " + oldName + " to " + group.getName());
        return group;
    }

    /** Deletes the group, its memberships and the roles granted to it: nobody holds a role through it any more. */
    public void delete(UUID id) {
        LocalGroup group = get(id);
        PrincipalRef principal = group.principal();
        int grants = em.createNamedQuery(RoleGrant.DELETE_FOR_PRINCIPAL)
                .setParameter("kind", principal.kind())
                .setParameter("source", principal.source())
                .setParameter("principalId", principal.id())
                .executeUpdate();
        em.remove(group);
        audit.record("local-group.deleted", AUDIT_TYPE, id.toString(), group.getName(),
                grants + " role grant(s) removed with it");
    }

    public LocalGroup addMember(UUID groupId, String username) {
        LocalGroup group = get(groupId);
        LocalAccount account = accountNamed(username);
        if (!group.add(account)) {
            throw new LocalGroupException(Reason.ALREADY_MEMBER,
                    account.getUsername() + " is already a member of " + group.getName() + ".");
        }
        audit.record("local-group.member-added", AUDIT_TYPE, groupId.toString(), group.getName(),
                account.getUsername() + " (local " + account.getId() + ")");
        return group;
    }

    public LocalGroup removeMember(UUID groupId, UUID accountId) {
        LocalGroup group = get(groupId);
        LocalAccount account = Optional.ofNullable(accountId).map(key -> em.find(LocalAccount.class, key))
                .orElseThrow(() -> new LocalGroupException(Reason.UNKNOWN_ACCOUNT,
                        "That local account no longer exists; reload the page."));
        if (!group.remove(account)) {
            throw new LocalGroupException(Reason.NOT_A_MEMBER,
                    account.getUsername() + " is not a member of " + group.getName() + ".");
        }
        audit.record("local-group.member-removed", AUDIT_TYPE, groupId.toString(), group.getName(),
                account.getUsername() + " (local " + account.getId() + ")");
        return group;
    }

    /** The groups an account belongs to, as principals, for sign-in. */
    @PermitAll
    public List<PrincipalRef> groupsOf(UUID accountId) {
        return em.createNamedQuery(LocalGroup.OF_MEMBER, LocalGroup.class)
                .setParameter("accountId", accountId)
                .getResultStream()
                .map(LocalGroup::principal)
                .collect(Collectors.toList());
    }

    /** Which of these group ids still belong to a local group: for ACL entries and grants that name one. */
    @PermitAll
    public java.util.Set<UUID> existingAmong(java.util.Collection<UUID> ids) {
        return LocalIdentitySource.inChunks(ids, chunk -> em.createQuery(
                "SELECT g.id FROM LocalGroup g WHERE g.id IN :ids", UUID.class)
                .setParameter("ids", chunk).getResultList());
    }

    /** Local groups whose name contains {@code text}, for the principal picker. */
    public List<PrincipalRef> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String pattern = LikePattern.containing(text.trim());
        return em.createNamedQuery(LocalGroup.NAMED_LIKE, LocalGroup.class)
                .setParameter("pattern", pattern)
                .setMaxResults(limit)
                .getResultStream()
                .map(LocalGroup::principal)
                .collect(Collectors.toList());
    }

    private void requireUnusedName(String name, UUID exceptId) {
        boolean taken = em.createNamedQuery(LocalGroup.BY_NAME_KEY, LocalGroup.class)
                .setParameter("nameKey", LocalGroup.keyOf(name))
                .getResultStream()
                .anyMatch(other -> !other.getId().equals(exceptId));
        if (taken) {
            throw new LocalGroupException(Reason.DUPLICATE_NAME, "A local group named '" + name + "' already exists.");
        }
    }

    private LocalAccount accountNamed(String username) {
        String trimmed = username == null ? "" : username.strip();
        if (trimmed.isEmpty()) {
            throw new LocalGroupException(Reason.UNKNOWN_ACCOUNT, "Type the user name of a local account to add.");
        }
        if (trimmed.length() > LocalAccount.MAX_USERNAME_LENGTH) {
            throw new LocalGroupException(Reason.UNKNOWN_ACCOUNT,
                    "A user name has at most " + LocalAccount.MAX_USERNAME_LENGTH + " characters.");
        }
        return em.createNamedQuery(LocalAccount.BY_USERNAME_KEY, LocalAccount.class)
                .setParameter("usernameKey", LocalAccount.keyOf(trimmed))
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new LocalGroupException(Reason.UNKNOWN_ACCOUNT,
                        "There is no local account named '" + trimmed + "'."));
    }

    private LocalGroup get(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(LocalGroup.class, key))
                .orElseThrow(() -> new LocalGroupException(Reason.UNKNOWN_GROUP,
                        "That local group no longer exists; reload the page."));
    }
}
