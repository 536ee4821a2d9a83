package org.ams.identity.signin;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ams.audit.AuditTrail;
import org.ams.identity.IdentityException;
import org.ams.identity.IdentitySource;
import org.ams.identity.IdentitySourceUnavailableException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.RoleGrant;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.local.LocalAccountService;
import org.ams.security.RoleNames;

/**
 * Who holds which application role (Settings / Roles), and the roles a signed-in user gets from themselves and their
 * groups.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class RoleService {

    public static final int SEARCH_LIMIT = 25;
    private static final String AUDIT_TYPE = "RoleGrant";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private DirectorySourceService directories;

    @EJB
    private AuditTrail audit;

    /** The roles granted to any of these principals (a user and all their groups). */
    @PermitAll
    public Set<Role> rolesOf(Collection<PrincipalRef> principals) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (PrincipalRef principal : principals) {
            em.createNamedQuery(RoleGrant.FOR_PRINCIPAL, RoleGrant.class)
                    .setParameter("kind", principal.kind())
                    .setParameter("source", principal.source())
                    .setParameter("principalId", principal.id())
                    .getResultStream()
                    .forEach(grant -> roles.add(grant.getRole()));
        }
        return roles;
    }

    public List<RoleGrant> grants() {
        return em.createNamedQuery(RoleGrant.ALL, RoleGrant.class).getResultList();
    }

    public RoleGrant grant(Role role, PrincipalRef principal) {
        if (role == null || principal == null) {
            throw new IdentityException("Choose a role and a user or group.");
        }
        boolean held = grants().stream().anyMatch(g -> g.getRole() == role && g.principal().sameAs(principal));
        if (held) {
            throw new IdentityException(principal.name() + " already holds the role " + role.roleName() + ".");
        }
        RoleGrant grant = new RoleGrant(role, principal);
        em.persist(grant);
        audit.record("role.granted", AUDIT_TYPE, grant.getId().toString(), principal.name(),
                role.roleName() + " to " + principal.kind().name().toLowerCase() + " " + principal.name() + " ("
                        + principal.source() + " " + principal.id() + ")");
        return grant;
    }

    /**
     * Revokes a grant. The last Administrator grant to a local account stays: it is the way into AMS when every
     * directory is unreachable. A grant to a local group does not count, since the group may be empty.
     */
    public void revoke(UUID grantId) {
        RoleGrant grant = grantId == null ? null : em.find(RoleGrant.class, grantId);
        if (grant == null) {
            throw new IdentityException("That role grant no longer exists; reload the page.");
        }
        PrincipalRef principal = grant.principal();
        if (grant.getRole() == Role.ADMINISTRATOR && isLocalAccount(principal)) {
            long localAdministrators = grants().stream().filter(g -> g.getRole() == Role.ADMINISTRATOR
                    && isLocalAccount(g.principal())).count();
            if (localAdministrators <= 1) {
                throw new IdentityException("The Administrator role of " + principal.name() + " stays: at least one "
                        + "local account must keep it, to reach AMS when the directories are down.");
            }
        }
        em.remove(grant);
        audit.record("role.revoked", AUDIT_TYPE, grantId.toString(), principal.name(),
                grant.getRole().roleName() + " from " + principal.kind().name().toLowerCase() + " "
                        + principal.name());
    }

    private static boolean isLocalAccount(PrincipalRef principal) {
        return principal.kind() == PrincipalKind.USER && principal.source().equals(LocalAccountService.SOURCE);
    }

    /**
     * The principal picker: users and groups of every identity source whose name contains {@code text}. A directory
     * that cannot be searched is reported in {@link PrincipalSearch#problems()} while the others still answer.
     */
    public PrincipalSearch searchPrincipals(String text) {
        if (text == null || text.isBlank()) {
            throw new IdentityException("Type part of a user or group name to search for.");
        }
        if (text.length() > 256) {
            throw new IdentityException("Search for at most 256 characters.");
        }
        List<PrincipalRef> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (IdentitySource source : directories.identitySources()) {
            try {
                found.addAll(source.search(text, SEARCH_LIMIT));
            } catch (IdentitySourceUnavailableException e) {
                problems.add(e.getMessage());
            }
        }
        return new PrincipalSearch(found, problems);
    }

    /**
     * A user as a sign-in would describe them (their groups, nested ones included, and their roles), without their
     * password: for the effective-access tool. A user of a source that cannot be asked for groups (the OpenID
     * Connect provider) is described with the groups their last sign-in brought.
     */
    public AuthenticatedUser describe(PrincipalRef user) {
        return explainable(user).user();
    }

    /**
     * {@link #describe}, saying when the groups were learnt: {@code groupsAsOf} is the user's last sign-in when the
     * source could not be asked, and {@code null} when the groups are the source's answer now.
     */
    public DescribedUser explainable(PrincipalRef user) {
        if (user == null || user.kind() != PrincipalKind.USER) {
            throw new IdentityException("Choose a user, not a group.");
        }
        IdentitySource source = directories.identitySources().stream()
                .filter(candidate -> candidate.key().equals(user.source())).findFirst()
                .orElseThrow(() -> new IdentityException("The identity source of " + user.name()
                        + " no longer exists or is switched off."));
        Set<PrincipalRef> groups;
        OffsetDateTime asOf = null;
        try {
            groups = source.groupsOf(user);
        } catch (IdentitySourceUnavailableException e) {
            // a directory that is down remembers nothing: its own sentence says so
            IdentitySource.RememberedGroups remembered = source.groupsAtLastSignIn(user).orElseThrow(() -> e);
            groups = remembered.groups();
            asOf = remembered.signedInAt();
        }
        Set<PrincipalRef> principals = new HashSet<>(groups);
        principals.add(user);
        return new DescribedUser(new AuthenticatedUser(user, groups, rolesOf(principals)), asOf);
    }

    /** A user as the effective-access tool explains them, and when their groups were learnt (null: now). */
    public record DescribedUser(AuthenticatedUser user, OffsetDateTime groupsAsOf) {
    }

    /** What the principal picker found, and the sources it could not ask. */
    public record PrincipalSearch(List<PrincipalRef> found, List<String> problems) {
        public PrincipalSearch {
            found = List.copyOf(found);
            problems = List.copyOf(problems);
        }
    }
}
