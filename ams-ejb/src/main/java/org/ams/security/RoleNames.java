package org.ams.security;

/**
 * The names of the application roles, as compile-time constants for {@code @RolesAllowed} and {@code @RunAs}. They
 * are the role names {@code web.xml} declares and maps, so a change here is a change there.
 * {@link org.ams.identity.Role} gives each name its meaning and the grants that hand it out.
 */
public final class RoleNames {

    public static final String ADMINISTRATOR = "Administrator";
    public static final String HELPDESK = "Helpdesk";
    public static final String AUDITOR = "Auditor";
    /** A device's own user, who may read its recovery password by key ID on the self-service page. */
    public static final String SELF_SERVICE = "SelfService";

    private RoleNames() {
    }
}
