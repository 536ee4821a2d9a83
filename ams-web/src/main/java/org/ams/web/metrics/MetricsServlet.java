package org.ams.web.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ams.metrics.AmsMetrics;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, to scrapers from an allowed address
 * ({@link MetricsAccess}); anyone else gets 403 and an empty body. No sign-in is involved (web.xml leaves the path
 * to this servlet), so a scraper needs no account, and the answer names no user, computer or secret.
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    /** The Prometheus text exposition format, as {@link AmsMetrics#scrape()} writes it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient MetricsAccess access = new MetricsAccess();

    @Inject
    private transient AmsMetrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!access.admits(request)) {
            // setStatus, not sendError: the 403 error page is the console's, not a scraper's.
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
