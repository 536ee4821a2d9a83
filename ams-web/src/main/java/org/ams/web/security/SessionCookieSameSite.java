package org.ams.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie ({@code AMS_SESSION}, named in {@code web.xml}) is {@code SameSite=Strict}: a browser never
 * sends it with a request another site started (README, Web security).
 * <p>
 * Set through the Servlet 6 API rather than as an {@code <attribute>} of {@code web.xml}'s {@code cookie-config}:
 * WildFly applies the API's attribute to its session cookie but not the descriptor's. Payara applies neither and
 * takes the attribute from its own {@code glassfish-web.xml} ({@code cookieSameSite}).
 */
@WebListener
public class SessionCookieSameSite implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().getSessionCookieConfig().setAttribute("SameSite", "Strict");
    }
}
