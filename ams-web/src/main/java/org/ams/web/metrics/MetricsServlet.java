package org.ams.web.metrics;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ams.metrics.AmsMetrics;
import org.ams.token.ApiScope;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, to scrapers from an allowed address or with an API
 * token for metrics ({@link MetricsAccess}); anyone else gets 403: with an empty body without a token, with the API's
 * {@code {"code","message"}} with one. No sign-in is involved (web.xml leaves the path to this servlet), so a scraper
 * from an allowed address needs no account, and the answer names no user, computer or secret.
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
        MetricsAccess.Decision decision = access.decide(request);
        if (decision != MetricsAccess.Decision.ADMITTED) {
            // setStatus, not sendError: the 403 error page is the console's, not a scraper's.
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            if (decision != MetricsAccess.Decision.REFUSED) {
                refuseToken(response, decision);
            }
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A token's refusal, in the REST API's words: its script is told what to change. */
    private static void refuseToken(HttpServletResponse response, MetricsAccess.Decision decision)
            throws IOException {
        JsonObject problem = decision == MetricsAccess.Decision.SCOPE_MISSING
                ? Json.createObjectBuilder().add("code", "SCOPE_MISSING")
                        .add("message", "This token does not have the scope " + ApiScope.READ_METRICS.name() + ".")
                        .build()
                : Json.createObjectBuilder().add("code", "FORBIDDEN")
                        .add("message", "The token's owner holds neither the Administrator nor the Auditor role, "
                                + "which reading the metrics needs.").build();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problem.toString());
    }
}
