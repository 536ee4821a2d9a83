package org.ams.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The application roles. Their names are the role names the web tier declares and checks, so each constant's
 * {@link #roleName()} must match {@code @RolesAllowed} and the URL constraints.
 */
public enum Role {

    ADMINISTRATOR(Names.ADMINISTRATOR, "Configure everything"),
    HELPDESK(Names.HELPDESK, "Request access to recovery passwords"),
    AUDITOR(Names.AUDITOR, "Read the audit log and reports");

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

    public static Optional<Role> ofRoleName(String name) {
        return Arrays.stream(values()).filter(role -> role.roleName.equals(name)).findFirst();
    }

    /** Compile-time constants for annotations. */
    public static final class Names {
        public static final String ADMINISTRATOR = "Administrator";
        public static final String HELPDESK = "Helpdesk";
        public static final String AUDITOR = "Auditor";

        private Names() {
        }
    }
}
