package org.ams.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
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
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.CallerIdentity;
import org.ams.identity.signin.NotSignedInException;
import org.ams.platform.LikePattern;
import org.ams.security.RoleNames;

/**
 * The computers a helpdesk user may find by name: those an authorization rule lets them at least see the key
 * metadata of (a user who may read the passwords may see the metadata too). A computer nobody let the user see is
 * never named to them, so the name field cannot be used to learn which computers exist.
 * <p>
 * The user is always the caller, as the container authenticated them ({@link CallerIdentity}); no method takes a
 * user, so no caller can ask on behalf of somebody else. {@link AccessRequests} uses the same rules through
 * {@link #of}.
 * <p>
 * Every candidate costs an authorization decision (a few indexed reads), so a search looks at a bounded number of
 * computers whose name matches and returns fewer still; a user who types more characters gets a narrower list.
 */
@Stateless
@RolesAllowed(RoleNames.HELPDESK)
public class VisibleComputers {

    /** How many computers with a matching name are checked for one search, at most. */
    static final int SCAN = 60;
    /** How many are offered, at most. */
    public static final int MAX_SUGGESTIONS = 10;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuthorizationDecisions decisions;

    @EJB
    private CallerIdentity callers;

    /**
     * Computers whose name starts with the typed text (case does not matter) that the caller may see, for the name
     * field's suggestions. Not recorded: only computers the caller may see are named.
     */
    public List<ComputerCandidate> suggest(String typed, int limit) {
        AuthenticatedUser user;
        try {
            user = callers.signedIn();
        } catch (NotSignedInException e) {
            throw new AccessRequestException(e.getMessage());
        }
        return of(em, decisions, user).suggest(typed, limit);
    }

    /** The same rules for one user, for the access-request layer, which has already worked out who is calling. */
    static Visible of(EntityManager em, AuthorizationDecisions decisions, AuthenticatedUser user) {
        return new Visible(em, decisions, user);
    }

    /** What one user may see; made per call, never handed out of this package. */
    static final class Visible {

        private final EntityManager em;
        private final AuthorizationDecisions decisions;
        private final AuthenticatedUser user;

        private Visible(EntityManager em, AuthorizationDecisions decisions, AuthenticatedUser user) {
            this.em = em;
            this.decisions = decisions;
            this.user = user;
        }

        List<ComputerCandidate> suggest(String typed, int limit) {
            String text = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
            if (text.isEmpty() || text.length() > Device.MAX_NAME) {
                return List.of();
            }
            List<Device> devices = em.createQuery("SELECT d FROM Device d WHERE d.nameKey LIKE :pattern ESCAPE '!' "
                            + "AND d.state <> org.ams.devices.DeviceState.DELETED ORDER BY d.nameKey, d.id",
                            Device.class)
                    .setParameter("pattern", LikePattern.escape(text) + "%")
                    .setMaxResults(SCAN)
                    .getResultList();
            int most = Math.min(Math.max(limit, 1), MAX_SUGGESTIONS);
            List<ComputerCandidate> found = new ArrayList<>();
            for (Device device : devices) {
                if (found.size() >= most) {
                    break;
                }
                if (maySee(device.getId())) {
                    found.add(ComputerCandidate.of(device));
                }
            }
            return found;
        }

        /**
         * The computers with exactly this name (case does not matter), those the user may see apart from the others.
         * The access-request layer records a search that found only the others; the user is shown the visible ones.
         */
        NameSearch search(String name) {
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
                (maySee(device.getId()) ? visible : notVisible).add(ComputerCandidate.of(device));
            }
            return new NameSearch(visible, notVisible);
        }

        /** Whether the user may see this computer at all (key metadata or recovery passwords). */
        boolean maySee(UUID deviceId) {
            return decisions.decide(user, deviceId, Permission.READ_BITLOCKER_KEY_METADATA).granted()
                    || decisions.decide(user, deviceId, Permission.READ_BITLOCKER_RECOVERY_PASSWORD).granted();
        }
    }
}
