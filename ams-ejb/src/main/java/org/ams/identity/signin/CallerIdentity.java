package org.ams.identity.signin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.security.RoleNames;

/**
 * Who is calling, as the container authenticated them: the user and their groups, for services that decide by them
 * (access requests) and must not take them from their caller.
 * <p>
 * The user and the groups come from the {@link SignedInPrincipal} the sign-in put into the container. A directory
 * user's groups are those the directory gave at sign-in: no directory round trip per request (a change in the
 * directory counts from the next sign-in; sessions end after 30 minutes without activity). A local account is read
 * again at every call, because that costs two indexed queries: a disabled or deleted account is refused from its next
 * request, and a local group membership added or removed counts at once.
 */
@Stateless
// Any caller may ask who they are: the answer is theirs only, and a caller who did not sign in is told so.
@PermitAll
@DeclareRoles({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK, RoleNames.AUDITOR, RoleNames.SELF_SERVICE})
public class CallerIdentity {

    @Resource
    private SessionContext context;

    @Inject
    private SecurityContext security;

    @PersistenceContext
    private EntityManager em;

    /**
     * The signed-in caller with their groups now, and the application roles the container gives them.
     *
     * @throws NotSignedInException when the caller did not sign in through AMS's identity sources (an anonymous or
     *                              run-as caller), or is a local account that has since been disabled or deleted
     */
    public AuthenticatedUser signedIn() {
        SignedInPrincipal principal = principal().orElseThrow(() -> new NotSignedInException(
                "The request does not come from a signed-in user."));
        PrincipalRef user = principal.user();
        Set<PrincipalRef> groups = principal.groups();
        if (LocalAccountService.SOURCE.equals(user.source())) {
            groups = localGroupsOf(user);
        }
        Set<Role> roles = Arrays.stream(Role.values()).filter(role -> context.isCallerInRole(role.roleName()))
                .collect(Collectors.toSet());
        return new AuthenticatedUser(user, groups, roles);
    }

    /**
     * The caller's {@link SignedInPrincipal}. A container presents an EJB either the principal the identity store
     * returned or a wrapper of it (Payara keeps custom principals inside its own web principal); Jakarta Security's
     * view of the caller's subject finds it inside such a wrapper. Either way it must carry the name of the caller the
     * container authenticated for this call.
     */
    private Optional<SignedInPrincipal> principal() {
        Principal caller = context.getCallerPrincipal();
        if (caller instanceof SignedInPrincipal signedIn) {
            return Optional.of(signedIn);
        }
        String name = caller == null ? null : caller.getName();
        return security.getPrincipalsByType(SignedInPrincipal.class).stream()
                .filter(candidate -> candidate.getName().equals(name)).findFirst()
                .or(() -> wrapped(caller));
    }

    /**
     * The {@link SignedInPrincipal} inside the container's own principal, when the subject does not hold it apart: on
     * Payara, a request whose session another server of a cluster made (the data grid's copy) is given a subject of
     * the server's web principal and groups only, the principal AMS handed over at sign-in kept inside the web
     * principal ({@code getCustomPrincipal()}, GlassFish's and Payara's name for it). Any other container's principal,
     * or one that holds something else, gives nothing.
     */
    static Optional<SignedInPrincipal> wrapped(Principal caller) {
        if (caller == null) {
            return Optional.empty();
        }
        try {
            Object inside = caller.getClass().getMethod("getCustomPrincipal").invoke(caller);
            return inside instanceof SignedInPrincipal signedIn && signedIn.getName().equals(caller.getName())
                    ? Optional.of(signedIn) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Set<PrincipalRef> localGroupsOf(PrincipalRef user) {
        UUID id;
        try {
            id = UUID.fromString(user.id());
        } catch (IllegalArgumentException e) {
            throw new NotSignedInException("The request does not come from a signed-in user.");
        }
        LocalAccount account = em.find(LocalAccount.class, id);
        if (account == null || !account.isEnabled()) {
            throw new NotSignedInException("Your account has been disabled or removed since you signed in; nothing "
                    + "was done. Ask an administrator.");
        }
        return em.createNamedQuery(LocalGroup.OF_MEMBER, LocalGroup.class).setParameter("accountId", id)
                .getResultStream().map(LocalGroup::principal).collect(Collectors.toCollection(HashSet::new));
    }
}
