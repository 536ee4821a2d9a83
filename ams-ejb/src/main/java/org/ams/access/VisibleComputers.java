package org.ams.access;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.Permission;
import org.ams.devices.Device;
import org.ams.identity.AuthenticatedUser;
import org.ams.security.RoleNames;

/**
 * The computers a helpdesk user may find by name: those an authorization rule lets them at least see the key
 * metadata of (a user who may read the passwords may see the metadata too). A computer nobody let the user see is
 * never named to them, so the name field cannot be used to learn which computers exist.
 * <p>
 * Every candidate costs an authorization decision (a few indexed reads), so a search looks at a bounded number of
 * computers whose name matches and returns fewer still; a user who types more characters gets a narrower list.
 */
@Stateless
@RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR})
public class VisibleComputers {

    /** How many computers with a matching name are checked for one search, at most. */
    static final int SCAN = 60;
    /** How many are offered, at most. */
    public static final int MAX_SUGGESTIONS = 10;

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    @EJB
    private AuthorizationDecisions decisions;

    /** Computers whose name starts with the typed text (case does not matter), for the name field's suggestions. */
    public List<ComputerCandidate> suggest(AuthenticatedUser user, String typed, int limit) {
        requireCaller(user);
        String text = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.length() > Device.MAX_NAME) {
            return List.of();
        }
        List<Device> devices = em.createQuery("SELECT d FROM Device d WHERE d.nameKey LIKE :pattern ESCAPE '!' AND "
                        + "d.state <> org.ams.devices.DeviceState.DELETED ORDER BY d.nameKey, d.id", Device.class)
                .setParameter("pattern", escape(text) + "%")
                .setMaxResults(SCAN)
                .getResultList();
        return visible(user, devices, Math.min(Math.max(limit, 1), MAX_SUGGESTIONS));
    }

    /**
     * The computers with exactly this name (case does not matter), those the user may see apart from the others.
     * The access-request layer records a search that found only the others; the user is shown the visible ones only.
     */
    public NameSearch search(AuthenticatedUser user, String name) {
        requireCaller(user);
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.length() > Device.MAX_NAME) {
            return new NameSearch(List.of(), List.of());
        }
        List<Device> devices = em.createQuery("SELECT d FROM Device d WHERE d.nameKey = :key AND "
                        + "d.state <> org.ams.devices.DeviceState.DELETED ORDER BY d.lastCheckInAt DESC, d.id",
                        Device.class)
                .setParameter("key", key)
                .setMaxResults(SCAN)
                .getResultList();
        List<ComputerCandidate> visible = new ArrayList<>();
        List<ComputerCandidate> notVisible = new ArrayList<>();
        for (Device device : devices) {
            (maySee(user, device.getId()) ? visible : notVisible).add(ComputerCandidate.of(device));
        }
        return new NameSearch(visible, notVisible);
    }

    /** Whether the user may see this computer at all (key metadata or recovery passwords). */
    public boolean maySee(AuthenticatedUser user, UUID deviceId) {
        requireCaller(user);
        return decisions.decide(user, deviceId, Permission.READ_BITLOCKER_KEY_METADATA).granted()
                || decisions.decide(user, deviceId, Permission.READ_BITLOCKER_RECOVERY_PASSWORD).granted();
    }

    private List<ComputerCandidate> visible(AuthenticatedUser user, List<Device> devices, int limit) {
        List<ComputerCandidate> found = new ArrayList<>();
        for (Device device : devices) {
            if (found.size() >= limit) {
                break;
            }
            if (maySee(user, device.getId())) {
                found.add(ComputerCandidate.of(device));
            }
        }
        return found;
    }

    private void requireCaller(AuthenticatedUser user) {
        if (user == null || !user.username().equals(context.getCallerPrincipal().getName())) {
            throw new AccessRequestException("The request does not come from the signed-in user.");
        }
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
