package org.ams.web.health;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Serves {@code /health}, {@code /health/ready} and {@code /health/live} in the MicroProfile Health wire format.
 * <p>
 * The server's own health endpoint lives in its default web module, which an application at the root context
 * (where AMS belongs) shadows; so AMS answers these paths itself, from the same {@code @Readiness} and
 * {@code @Liveness} checks the server would have called.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthEndpoint extends HttpServlet {

    @Inject
    @Readiness
    private Instance<HealthCheck> readiness;

    @Inject
    @Liveness
    private Instance<HealthCheck> liveness;

    @Inject
    @Any
    private Instance<HealthCheck> all;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Instance<HealthCheck> checks;
        switch (path) {
            case "":
            case "/":
                checks = all;
                break;
            case "/ready":
                checks = readiness;
                break;
            case "/live":
                checks = liveness;
                break;
            default:
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
        }
        List<HealthCheckResponse> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            results.add(call(check));
        }
        boolean up = results.stream().allMatch(result -> result.getStatus() == HealthCheckResponse.Status.UP);
        JsonArrayBuilder array = Json.createArrayBuilder();
        results.forEach(result -> array.add(toJson(result)));
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checks", array)
                .build()
                .toString());
    }

    /** A check that throws is DOWN, as the specification demands, rather than a 500 without a body. */
    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return new HealthCheckResponse(check.getClass().getSimpleName(), HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.of("error", e.getClass().getSimpleName())));
        }
    }

    private static JsonObjectBuilder toJson(HealthCheckResponse result) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", result.getName())
                .add("status", result.getStatus().name());
        result.getData().ifPresent(data -> {
            JsonObjectBuilder dataJson = Json.createObjectBuilder();
            data.forEach((key, value) -> {
                if (value instanceof Number) {
                    dataJson.add(key, ((Number) value).longValue());
                } else if (value instanceof Boolean) {
                    dataJson.add(key, (Boolean) value);
                } else {
                    dataJson.add(key, String.valueOf(value));
                }
            });
            json.add("data", dataJson);
        });
        return json;
    }
}
