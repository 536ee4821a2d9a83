package org.ams.web.helpdesk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Nothing a helpdesk page (or the self-service recovery page) answers may be kept by the browser or a proxy: the answer to a request for recovery
 * passwords holds them, and the Back button or a shared machine's cache must not show them again. Set before the
 * page renders, on every helpdesk response (full pages and Ajax answers alike).
 */
@WebFilter(filterName = "HelpdeskNoStore", urlPatterns = {"/helpdesk/*", "/recover", "/recover.xhtml"})
public class NoStoreFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
        response.setHeader("Pragma", "no-cache");
        response.setDateHeader("Expires", 0);
        chain.doFilter(request, response);
    }
}
