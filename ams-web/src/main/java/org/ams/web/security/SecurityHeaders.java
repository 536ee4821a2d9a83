package org.ams.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer carries so that a browser refuses to misuse AMS's pages: no framing (clickjacking a
 * "show password" button), no content sniffing, no referrer leaking an address, forms that post only to AMS, no
 * plugins, and on HTTPS a promise to stay on HTTPS. Script sources are not restricted here yet: PrimeFaces renders
 * inline scripts, which its CSP mode would first have to take over.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY =
            "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        chain.doFilter(request, response);
    }
}
