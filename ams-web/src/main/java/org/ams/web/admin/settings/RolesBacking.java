package org.ams.web.admin.settings;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.identity.IdentityException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.RoleGrant;
import org.ams.identity.ldap.DirectorySource;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.signin.RoleService;
import org.ams.web.PageMessages;

/**
 * Backs {@code admin/settings/roles.xhtml}: who holds which application role, and the principal picker that finds
 * users and groups across every identity source to grant one to.
 */
@Named
@ViewScoped
public class RolesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private RoleService roles;

    @EJB
    private DirectorySourceService directories;

    private List<RoleGrant> grantList;
    private Map<String, String> sourceNames;
    private Role role = Role.HELPDESK;
    private final PrincipalPicker picker = new PrincipalPicker();

    public List<RoleGrant> getGrants() {
        if (grantList == null) {
            grantList = roles.grants();
        }
        return grantList;
    }

    public void search() {
        picker.search(roles, principal -> true);
    }

    public void grant(PrincipalRef principal) {
        attempt(() -> {
            roles.grant(role, principal);
            PageMessages.info(principal.name() + " now holds the role " + role.roleName() + ".");
        });
    }

    public void revoke(RoleGrant grant) {
        attempt(() -> {
            roles.revoke(grant.getId());
            PageMessages.info("The role " + grant.getRole().roleName() + " was revoked from "
                    + grant.getPrincipalName() + ".");
        });
    }

    /** The source a principal comes from, as administrators named it. */
    public String sourceName(PrincipalRef principal) {
        if (sourceNames == null) {
            sourceNames = new HashMap<>();
            sourceNames.put(LocalAccountService.SOURCE, "Local accounts");
            for (DirectorySource directory : directories.list()) {
                sourceNames.put(directory.sourceKey(), directory.getName());
            }
        }
        return sourceNames.getOrDefault(principal.source(), principal.source());
    }

    public String kindName(PrincipalRef principal) {
        return principal.kind() == PrincipalKind.GROUP ? "Group" : "User";
    }

    private void attempt(Runnable change) {
        try {
            change.run();
            grantList = null;
        } catch (IdentityException e) {
            PageMessages.error(e.getMessage());
        } catch (EJBAccessException e) {
            PageMessages.error("Only administrators may grant and revoke roles.");
        }
    }

    public Role[] getRoleChoices() {
        return Role.values();
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getSearchText() {
        return picker.getSearchText();
    }

    public void setSearchText(String searchText) {
        picker.setSearchText(searchText);
    }

    public List<PrincipalRef> getFound() {
        return picker.getFound();
    }

    public List<String> getSearchProblems() {
        return picker.getProblems();
    }

    public boolean isSearched() {
        return picker.isSearched();
    }
}
