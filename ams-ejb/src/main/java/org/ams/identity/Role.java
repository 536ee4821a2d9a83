package org.ams.identity;

import org.ams.security.RoleNames;

/**
 * The application roles. Their names are the role names the web tier declares and checks, so each constant's
 * {@link #roleName()} must match {@code @RolesAllowed} and the URL constraints; the names themselves live in
 * {@link RoleNames}, so that components can declare their callers without depending on this one.
 */
public enum Role {

    ADMINISTRATOR(RoleNames.ADMINISTRATOR, "Configure everything"),
    HELPDESK(RoleNames.HELPDESK, "Request access to recovery passwords"),
    AUDITOR(RoleNames.AUDITOR, "Read the audit log and reports"),
    SELF_SERVICE(RoleNames.SELF_SERVICE, "Read the recovery password of your own device by its key ID (self-service "
            + "recovery; grant it to your users' group)");

    private final String roleName;
    private final String description;

    Role(String roleName, String description) {
        this.roleName = roleName;
        this.description = description;
    }

    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }
}
