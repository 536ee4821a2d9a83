package org.ams.access;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.ams.audit.AuditTrail;
import org.ams.security.RoleNames;

/** Settings / User interface and Settings / Rate limits: read by every request, changed by administrators. */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class AccessSettingsService {

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /** The current settings; every signed-in user's request reads them. */
    @PermitAll
    public AccessSettings current() {
        return em.find(AccessSettings.class, AccessSettings.SINGLETON);
    }

    public AccessSettings changeUserInterface(long expectedVersion, ReasonMode reasonMode, String deniedHelpText) {
        if (reasonMode == null) {
            throw new AccessSettingsException("Choose whether a reason is hidden, optional or required.");
        }
        String help = deniedHelpText == null || deniedHelpText.isBlank() ? null : deniedHelpText.strip();
        if (help != null && help.length() > AccessSettings.MAX_HELP_TEXT) {
            throw new AccessSettingsException("The help text has at most " + AccessSettings.MAX_HELP_TEXT
                    + " characters.");
        }
        AccessSettings settings = lockedAt(expectedVersion);
        settings.changeUserInterface(reasonMode, help);
        em.flush();
        audit.record("settings.user-interface-changed", "AccessSettings", "1", "User interface",
                "reason " + reasonMode.label().toLowerCase(java.util.Locale.ROOT) + "; denied help text "
                        + (help == null ? "none" : help.length() + " characters"));
        return settings;
    }

    /**
     * Turns on or off hiding each recovery password on the helpdesk page until the user clicks Show on it (each
     * click then recorded as {@value AccessRequests#PASSWORD_REVEALED_ACTION}).
     */
    public AccessSettings changePasswordHiding(long expectedVersion, boolean hidePasswordsUntilShown) {
        AccessSettings settings = lockedAt(expectedVersion);
        settings.changePasswordHiding(hidePasswordsUntilShown);
        em.flush();
        audit.record("settings.password-hiding-changed", "AccessSettings", "1", "User interface",
                "recovery passwords hidden until Show is clicked: " + (hidePasswordsUntilShown ? "on" : "off"));
        return settings;
    }

    public AccessSettings changeRateLimits(long expectedVersion, RateLimits limits) {
        if (limits == null) {
            throw new AccessSettingsException("There is nothing to save.");
        }
        check("per user per minute", limits.userPerMinute());
        check("per user per hour", limits.userPerHour());
        check("per user per day", limits.userPerDay());
        check("per client address per minute", limits.addressPerMinute());
        check("per client address per hour", limits.addressPerHour());
        check("per client address per day", limits.addressPerDay());
        AccessSettings settings = lockedAt(expectedVersion);
        settings.changeRateLimits(limits);
        em.flush();
        audit.record("settings.rate-limits-changed", "AccessSettings", "1", "Rate limits",
                "user " + limits.userPerMinute() + "/min, " + limits.userPerHour() + "/h, " + limits.userPerDay()
                        + "/day; address " + limits.addressPerMinute() + "/min, " + limits.addressPerHour() + "/h, "
                        + limits.addressPerDay() + "/day (0 = no limit)");
        return settings;
    }

    /** The longest a request may wait for approval: 30 days. */
    public static final int MAX_APPROVAL_EXPIRY_MINUTES = 43_200;

    /** How long a request that needs approval waits for its approvals before it expires unapproved. */
    public AccessSettings changeApprovalExpiry(long expectedVersion, int minutes) {
        if (minutes < 1 || minutes > MAX_APPROVAL_EXPIRY_MINUTES) {
            throw new AccessSettingsException("A request waits for approval between 1 and "
                    + MAX_APPROVAL_EXPIRY_MINUTES + " minutes (30 days); " + minutes + " is not.");
        }
        AccessSettings settings = lockedAt(expectedVersion);
        settings.changeApprovalExpiry(minutes);
        em.flush();
        audit.record("settings.approval-expiry-changed", "AccessSettings", "1", "Rate limits",
                "requests awaiting approval expire after " + minutes + " minute(s)");
        return settings;
    }

    /** The shortest limit on a session: 5 minutes. */
    public static final int MIN_SESSION_MINUTES = 5;
    /** The longest limit on a session: 7 days. */
    public static final int MAX_SESSION_MINUTES = 10_080;

    /**
     * The longest a console session lasts after its sign-in, whatever its activity or the identity provider's token
     * says; sessions signed in earlier end at their next request once they are past it.
     */
    public AccessSettings changeMaxSession(long expectedVersion, int minutes) {
        if (minutes < MIN_SESSION_MINUTES || minutes > MAX_SESSION_MINUTES) {
            throw new AccessSettingsException("A session may last between " + MIN_SESSION_MINUTES + " and "
                    + MAX_SESSION_MINUTES + " minutes (7 days) after its sign-in; " + minutes + " is not.");
        }
        AccessSettings settings = lockedAt(expectedVersion);
        settings.changeMaxSession(minutes);
        em.flush();
        audit.record("settings.session-limit-changed", "AccessSettings", "1", "Authentication",
                "a console session ends " + minutes + " minute(s) after its sign-in");
        return settings;
    }

    private static void check(String what, int value) {
        if (value < 0 || value > RateLimits.MAX) {
            throw new AccessSettingsException("The limit " + what + " must be between 0 (no limit) and "
                    + RateLimits.MAX + "; " + value + " is not.");
        }
    }

    private AccessSettings lockedAt(long expectedVersion) {
        AccessSettings settings = em.find(AccessSettings.class, AccessSettings.SINGLETON,
                LockModeType.PESSIMISTIC_WRITE);
        if (settings.getVersion() != expectedVersion) {
            throw new AccessSettingsException("These settings were changed by someone else since you opened the "
                    + "page. Reload it and make your change again.");
        }
        return settings;
    }
}
