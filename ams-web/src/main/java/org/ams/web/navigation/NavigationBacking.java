package org.ams.web.navigation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.net.MalformedURLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ams.access.ApprovalException;
import org.ams.access.Approvals;
import org.ams.identity.Role;
import org.primefaces.model.menu.DefaultMenuItem;
import org.primefaces.model.menu.DefaultMenuModel;
import org.primefaces.model.menu.DefaultSubMenu;
import org.primefaces.model.menu.MenuModel;

/**
 * The menu bar every page shows: the pages of {@link Page} that exist in this build and that the signed-in user's
 * roles may open, grouped under the administrator guide's section names.
 */
@Named("navigation")
@RequestScoped
public class NavigationBacking {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private ExternalContext externalContext;

    @EJB
    private Approvals approvals;

    private MenuModel model;

    public MenuModel getModel() {
        if (model == null) {
            model = build();
        }
        return model;
    }

    private MenuModel build() {
        DefaultMenuModel menu = new DefaultMenuModel();
        Map<String, DefaultSubMenu> sections = new LinkedHashMap<>();
        String contextPath = externalContext.getRequestContextPath();
        for (Page page : Page.values()) {
            if (!mayOpen(page) || !exists(page)) {
                continue;
            }
            DefaultMenuItem item = DefaultMenuItem.builder()
                    .value(page.title())
                    .url(contextPath + page.path())
                    .build();
            if (page.section() == null) {
                menu.getElements().add(item);
            } else {
                sections.computeIfAbsent(page.section(), name -> {
                    DefaultSubMenu section = DefaultSubMenu.builder().label(name).build();
                    menu.getElements().add(section);
                    return section;
                }).getElements().add(item);
            }
        }
        return menu;
    }

    private boolean mayOpen(Page page) {
        boolean byRole = Arrays.stream(page.roles()).anyMatch(role -> securityContext.isCallerInRole(role.roleName()));
        if (page == Page.APPROVALS && !byRole) {
            return securityContext.isCallerInRole(Role.HELPDESK.roleName()) && isApprover();
        }
        return byRole;
    }

    /** Whether a rule names the user (or a group of theirs) as approvers; a failure only hides the menu entry. */
    private boolean isApprover() {
        try {
            return approvals.isApprover();
        } catch (ApprovalException e) {
            return false;
        }
    }

    private boolean exists(Page page) {
        try {
            return externalContext.getResource(page.path()) != null;
        } catch (MalformedURLException e) {
            return false;
        }
    }
}
