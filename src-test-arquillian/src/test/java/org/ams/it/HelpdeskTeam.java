package org.ams.it;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.local.LocalGroupService;
import org.ams.identity.signin.RoleService;

/**
 * Deployed with in-container tests only (see {@link Deployments#shared}): a helpdesk team as an administrator sets
 * one up in the console, a local account in a local group that is granted the Helpdesk role. Call it inside the
 * administrator's call ({@link AsAdministrator}).
 */
@Dependent
public class HelpdeskTeam {

    @Inject
    private LocalAccountService accounts;

    @Inject
    private LocalGroupService groups;

    @Inject
    private RoleService roles;

    /**
     * @return the team, whose principal authorization rules name
     */
    public LocalGroup create(String user, String displayName, String password, String team, String description) {
        LocalAccount member = accounts.add(user, displayName, password.toCharArray());
        LocalGroup group = groups.create(team, description);
        groups.addMember(group.getId(), member.getUsername());
        roles.grant(Role.HELPDESK, group.principal());
        return group;
    }
}
