package org.ams.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Deployed with in-container tests only (mapped in {@code in-container/web-fragment.xml} to Arquillian's test runner
 * servlet): keeps the runner's response in a request attribute, because signing in through Jakarta Security
 * ({@link SignedInCalls}) needs the request and its response, and CDI offers only the request.
 */
public class RunnerResponse extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = RunnerResponse.class.getName();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(ATTRIBUTE, response);
        chain.doFilter((ServletRequest) request, (ServletResponse) response);
    }
}
