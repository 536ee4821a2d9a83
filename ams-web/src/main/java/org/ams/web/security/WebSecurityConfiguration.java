package org.ams.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import org.ams.identity.Role;

/**
 * Form sign-in through our own Faces login page. Redirect (not forward) to the login page, so that the address bar
 * and the browser's history show what the user is really looking at.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@DeclareRoles({Role.Names.ADMINISTRATOR, Role.Names.HELPDESK, Role.Names.AUDITOR})
@ApplicationScoped
public class WebSecurityConfiguration {
}
