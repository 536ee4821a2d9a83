package org.ams.web.navigation;

import org.ams.identity.Role;

/**
 * Every page of the web app, in menu order, with the menu section it sits in (the administrator guide's names) and
 * the roles that may open it. The URL constraints in {@code web.xml} enforce access; this list only decides what
 * the menu offers.
 */
public enum Page {

    HOME(null, "Home", "/index.xhtml", Role.ADMINISTRATOR, Role.HELPDESK, Role.AUDITOR),

    /** The administrator's first stop: coverage, stale devices, escrow activity, recent denials. */
    DASHBOARD(null, "Dashboard", "/admin/dashboard.xhtml", Role.ADMINISTRATOR),

    REQUEST_ACCESS("Helpdesk", "Request access", "/helpdesk/request-access.xhtml", Role.HELPDESK),
    /**
     * Requests waiting for approval: always offered to administrators, and to Helpdesk users whom an authorization
     * rule names as approvers ({@link NavigationBacking} asks).
     */
    APPROVALS("Helpdesk", "Approvals", "/approvals/approvals.xhtml", Role.ADMINISTRATOR),

    AGENT_REGISTRATION(Section.AGENT, "Agent registration", "/admin/agent/registration.xhtml", Role.ADMINISTRATOR),
    PASSWORD_SETTINGS(Section.AGENT, "Password settings", "/admin/agent/password-settings.xhtml",
            Role.ADMINISTRATOR),
    WINDOWS_POLICIES(Section.AGENT, "Agent policies / Windows policies", "/admin/agent/policies/windows.xhtml",
            Role.ADMINISTRATOR),
    DEVICES(Section.AGENT, "Devices", "/admin/agent/devices.xhtml", Role.ADMINISTRATOR),
    GROUPS(Section.AGENT, "Groups", "/admin/agent/groups.xhtml", Role.ADMINISTRATOR),

    COMPUTER_RULES(Section.AUTHORIZATION, "Computers", "/admin/authz/computers.xhtml", Role.ADMINISTRATOR),
    EFFECTIVE_ACCESS(Section.AUTHORIZATION, "Effective access", "/admin/authz/effective-access.xhtml",
            Role.ADMINISTRATOR),

    AUTHENTICATION(Section.SETTINGS, "Authentication", "/admin/settings/authentication.xhtml", Role.ADMINISTRATOR),
    ROLES(Section.SETTINGS, "Roles", "/admin/settings/roles.xhtml", Role.ADMINISTRATOR),
    USER_INTERFACE(Section.SETTINGS, "User interface", "/admin/settings/user-interface.xhtml", Role.ADMINISTRATOR),
    RATE_LIMITS(Section.SETTINGS, "Rate limits", "/admin/settings/rate-limits.xhtml", Role.ADMINISTRATOR),
    NOTIFICATION_CHANNELS(Section.SETTINGS, "Notification channels", "/admin/settings/notification-channels.xhtml",
            Role.ADMINISTRATOR),
    AUDIT_FORWARDING(Section.SETTINGS, "Audit forwarding", "/admin/settings/audit-forwarding.xhtml",
            Role.ADMINISTRATOR),
    API_TOKENS(Section.SETTINGS, "API tokens", "/admin/settings/api-tokens.xhtml", Role.ADMINISTRATOR),

    AUDIT_LOG(null, "Audit log", "/audit/log.xhtml", Role.ADMINISTRATOR, Role.AUDITOR);

    private final String section;
    private final String title;
    private final String path;
    private final Role[] roles;

    Page(String section, String title, String path, Role... roles) {
        this.section = section;
        this.title = title;
        this.path = path;
        this.roles = roles;
    }

    /** The menu section, or {@code null} for a top-level entry. */
    public String section() {
        return section;
    }

    public String title() {
        return title;
    }

    public String path() {
        return path;
    }

    public Role[] roles() {
        return roles.clone();
    }

    /** Section names from the administrator guide. */
    static final class Section {
        static final String AGENT = "Access Manager Agent";
        static final String AUTHORIZATION = "Authorization rules";
        static final String SETTINGS = "Settings";

        private Section() {
        }
    }
}
