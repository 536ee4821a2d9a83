package org.ams.web.admin.settings;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.identity.DirectorySource;
import org.ams.identity.DirectorySourceService;
import org.ams.identity.IdentityException;
import org.ams.identity.LocalAccountService;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.RoleGrant;
import org.ams.identity.RoleService;

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
    private String searchText;
    private List<PrincipalRef> found = List.of();
    private List<String> searchProblems = List.of();
    private boolean searched;

    public List<RoleGrant> getGrants() {
        if (grantList == null) {
            grantList = roles.grants();
        }
        return grantList;
    }

    public void search() {
        try {
            RoleService.PrincipalSearch result = roles.searchPrincipals(searchText);
            found = result.found();
            searchProblems = result.problems();
            searched = true;
        } catch (IdentityException e) {
            error(e.getMessage());
        }
    }

    public void grant(PrincipalRef principal) {
        attempt(() -> {
            roles.grant(role, principal);
            info(principal.name() + " now holds the role " + role.roleName() + ".");
        });
    }

    public void revoke(RoleGrant grant) {
        attempt(() -> {
            roles.revoke(grant.getId());
            info("The role " + grant.getRole().roleName() + " was revoked from " + grant.getPrincipalName() + ".");
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
            error(e.getMessage());
        } catch (EJBAccessException e) {
            error("Only administrators may grant and revoke roles.");
        }
    }

    private static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    private static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
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
        return searchText;
    }

    public void setSearchText(String searchText) {
        this.searchText = searchText;
    }

    public List<PrincipalRef> getFound() {
        return found;
    }

    public List<String> getSearchProblems() {
        return searchProblems;
    }

    public boolean isSearched() {
        return searched;
    }
}
