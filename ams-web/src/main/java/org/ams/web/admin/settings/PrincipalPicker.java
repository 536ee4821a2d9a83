package org.ams.web.admin.settings;

import java.io.Serializable;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.ams.identity.IdentityException;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.RoleService;
import org.ams.web.PageMessages;

/**
 * The principal picker of the Roles, rule and effective-access pages: the text typed, what every identity source
 * found for it, and the sources that could not be asked. Held by a view-scoped backing bean, which hands in the
 * {@link RoleService} on each search.
 */
public final class PrincipalPicker implements Serializable {

    private static final long serialVersionUID = 1L;

    private String searchText;
    private List<PrincipalRef> found = List.of();
    private List<String> problems = List.of();
    private boolean searched;

    /** Searches every identity source; keeps only the principals {@code wanted} accepts. */
    public void search(RoleService roles, Predicate<PrincipalRef> wanted) {
        try {
            RoleService.PrincipalSearch result = roles.searchPrincipals(searchText);
            found = result.found().stream().filter(wanted).collect(Collectors.toList());
            problems = result.problems();
            searched = true;
            if (found.isEmpty() && problems.isEmpty()) {
                PageMessages.error("Nothing found whose name contains \"" + searchText.strip() + "\".");
            }
        } catch (IdentityException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void clear() {
        searchText = null;
        found = List.of();
        problems = List.of();
        searched = false;
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

    public List<String> getProblems() {
        return problems;
    }

    public boolean isSearched() {
        return searched;
    }
}
