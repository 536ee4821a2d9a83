package org.ams.it;

import jakarta.inject.Inject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed-in sessions keep exactly their own roles while many requests of several users run at once: an
 * administrator's pages answer 200 every time (never a 403 for a role the session lost), and a helpdesk user's
 * request for an administrator's page answers 403 every time (never the page, for a role borrowed from another
 * request). Several sessions of each, several requests of each session at once, over plain HTTP as a browser sends
 * them ({@link SessionsUnderLoadClient}).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionsUnderLoadIT {

    private static final String DESK_USER = "load-desk";
    private static final String DESK_PASSWORD = "Load-Desk-Password-2026";

    @Inject
    private AsAdministrator admin;

    @Inject
    private HelpdeskTeam helpdeskTeam;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a helpdesk user")
    void helpdeskUser() throws Exception {
        admin.call(() -> helpdeskTeam.create(DESK_USER, "Load Desk", DESK_PASSWORD, "Load desk team",
                "Sessions under load"));
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Administrators' and a helpdesk user's sessions, many requests at once: each answer fits the session's own roles")
    void eachSessionKeepsItsRoles() throws Exception {
        SessionsUnderLoadClient.eachSessionKeepsItsRoles(base, DESK_USER, DESK_PASSWORD);
    }
}
