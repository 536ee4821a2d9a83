package org.ams.web.session;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ams.identity.Role;
import org.ams.web.security.OidcSignOut;

/** The signed-in user as every page shows them, and signing out. */
@Named
@RequestScoped
public class SessionBacking {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;


    /**
     * The signed-in user's name, empty before sign-in. Read from the Servlet request, which has no user until one
     * signed in on every server: WildFly's Jakarta Security {@code SecurityContext} names a caller who has not signed in
     * "anonymous".
     */
    public String getUsername() {
        return Optional.ofNullable(faces.getExternalContext().getUserPrincipal()).map(Principal::getName).orElse("");
    }

    public List<Role> getRoles() {
        return Arrays.stream(Role.values())
                .filter(role -> securityContext.isCallerInRole(role.roleName()))
                .collect(Collectors.toList());
    }

    public String getRoleNames() {
        return getRoles().stream().map(Role::roleName).collect(Collectors.joining(", "));
    }

    public boolean hasRole(String roleName) {
        return securityContext.isCallerInRole(roleName);
    }

    public void signOut() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (OidcSignOut.of(request).isPresent()) {
            // Signed in with the identity provider: its sign-out page signs out there too (OidcSignInServlet).
            external.redirect(external.getRequestContextPath() + "/oidc/logout");
            return;
        }
        request.logout();
        external.invalidateSession();
        String signedOut = external.getRequestContextPath() + "/login.xhtml?signedOut=true";
        external.redirect(signedOut);
    }
}
