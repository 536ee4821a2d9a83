package org.ams.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import org.ams.security.RoleNames;

/**
 * Form sign-in through our own Faces login page. Redirect (not forward) to the login page, so that the address bar
 * and the browser's history show what the user is really looking at.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@DeclareRoles({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK, RoleNames.AUDITOR, RoleNames.SELF_SERVICE})
@ApplicationScoped
public class WebSecurityConfiguration {
}
