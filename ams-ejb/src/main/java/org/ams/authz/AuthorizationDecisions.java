package org.ams.authz;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.ams.devices.DeviceNotFoundException;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DeviceState;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.security.RoleNames;

/**
 * Decides whether a user may use a permission on a computer, by the authorization rules (see {@link RuleSnapshot}
 * for the evaluation). Every decision is made against the rules as committed in the database at that moment: it
 * reads the rules' generation counter and the computer's place in the device directory (three indexed reads), and
 * evaluates an in-memory snapshot of the rules.
 * <p>
 * A device in any state is evaluated the same way (pending, disabled and rejected devices keep their directory and
 * groups). A deleted device has left its groups and the tenant's "All devices" group, and rules targeting it no
 * longer apply; the rules of its directory and tenant still decide who may read the keys it left behind.
 */
@Stateless
@RolesAllowed({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK})
public class AuthorizationDecisions {

    private static final Clock CLOCK = Clock.systemUTC();

    @PersistenceContext
    private EntityManager em;

    @EJB
    private CurrentRules rules;

    // Self-service recovery asks too: an explicit Deny still wins over a device's own user.
    @RolesAllowed({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK, RoleNames.SELF_SERVICE})
    public Decision decide(AuthenticatedUser user, UUID deviceId, Permission permission) {
        Located computer = locate(deviceId);
        return rules.current().decide(UserIdentity.of(user), computer.placement(), computer.state(), permission,
                CLOCK.instant());
    }

    /** For a user known by their principal and their groups (nested groups resolved). */
    public Decision decide(PrincipalRef user, Collection<PrincipalRef> groups, UUID deviceId, Permission permission) {
        Located computer = locate(deviceId);
        return rules.current().decide(new UserIdentity(user, groups), computer.placement(), computer.state(),
                permission, CLOCK.instant());
    }

    /**
     * The same decision, for the effective-access tool: the explanation also lists the rules that name the user or
     * their groups but are about other computers, the usual answer to "why can't I see this key".
     */
    @RolesAllowed(RoleNames.ADMINISTRATOR)
    public Decision explain(PrincipalRef user, Collection<PrincipalRef> groups, UUID deviceId, Permission permission) {
        Located computer = locate(deviceId);
        return rules.current().explain(new UserIdentity(user, groups), computer.placement(), computer.state(),
                permission, CLOCK.instant());
    }

    /** The rules' generation this server decides with now; pages and tests use it to see a change arrive. */
    public long generation() {
        return rules.current().generation();
    }

    /**
     * Where the computer sits, read at each decision (two indexed queries), so a group membership change counts at
     * once, on every server, without a cache to invalidate.
     */
    private Located locate(UUID deviceId) {
        if (deviceId == null) {
            throw new DeviceNotFoundException("Choose a computer.");
        }
        Object[] device = em.createQuery("SELECT d.state, d.directory.id, d.directory.tenant.id FROM Device d "
                        + "WHERE d.id = :id", Object[].class)
                .setParameter("id", deviceId)
                .getResultStream().findFirst()
                .orElseThrow(() -> new DeviceNotFoundException("There is no device with id " + deviceId + "."));
        // An inner join on purpose: EclipseLink cannot read the NULL group id an outer join gives a device in no group.
        Set<UUID> groups = new HashSet<>(em.createQuery("SELECT g.id FROM Device d JOIN d.groups g WHERE d.id = :id",
                        UUID.class)
                .setParameter("id", deviceId)
                .getResultList());
        return new Located(new DevicePlacement(deviceId, (UUID) device[2], (UUID) device[1], groups),
                (DeviceState) device[0]);
    }

    private record Located(DevicePlacement placement, DeviceState state) {
    }
}
