package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console over plain HTTP, its requests sent as a browser sends them (the session cookie, Faces form fields, Ajax
 * headers), for benchmarks that time the server's answer without a browser's own rendering costs.
 */
public final class ConsoleHttp {

    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URL base;

    private ConsoleHttp(URL base) {
        this.base = base;
    }

    /** Signs in on the sign-in page with a user name and password, as the form does. */
    public static ConsoleHttp signIn(URL base, String username, String password) throws Exception {
        ConsoleHttp console = new ConsoleHttp(base);
        String viewState = viewState(console.get("login.xhtml"));
        HttpResponse<String> signedIn = console.post("login.xhtml", false, form("login", "login",
                "login:username", username, "login:password", password, "login:signIn", "login:signIn",
                "jakarta.faces.ViewState", viewState));
        assertEquals(302, signedIn.statusCode(), username + " could not sign in");
        return console;
    }

    /** The page at {@code path} (relative to the application), which must answer 200. */
    public String get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertEquals(200, response.statusCode(), () -> path + " answered " + response.statusCode() + ": "
                + response.body().substring(0, Math.min(400, response.body().length())));
        return response.body();
    }

    /**
     * The answer to a GET of {@code path} (relative to the application), whatever its status. A GET whose pooled
     * connection the server had just closed (EOF before any answer) is sent once more on a new connection, as a
     * browser does.
     */
    public HttpResponse<String> send(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("EOF reached")) {
                throw e;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A form POST to the page at {@code path}; {@code ajax} sends it as PrimeFaces' partial request. */
    public HttpResponse<String> post(String path, boolean ajax, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (ajax) {
            request.header("Faces-Request", "partial/ajax").header("X-Requested-With", "XMLHttpRequest");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Form fields, URL-encoded, from names and values in turn. */
    public static String form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The Faces view state a page's forms carry. */
    public static String viewState(String page) {
        Matcher matcher = VIEW_STATE.matcher(page);
        assertTrue(matcher.find(), "the page has no view state");
        return matcher.group(1);
    }

    /** Nearest rank of sorted durations in nanoseconds, in milliseconds. */
    public static double percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * One line of percentiles of durations in nanoseconds, and whether the p99 met {@code goalMilliseconds} when one is
     * given (0 for none).
     */
    public static String percentiles(String what, List<Long> nanos, double goalMilliseconds) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double p99 = percentile(sorted, 99);
        String text = String.format("  %-36s p50 %4.0f ms, p95 %4.0f ms, p99 %4.0f ms, max %4.0f ms", what,
                percentile(sorted, 50), percentile(sorted, 95), p99, sorted[sorted.length - 1] / 1e6);
        return goalMilliseconds <= 0 ? text : text + String.format(" (goal: p99 under %.0f ms: %s)", goalMilliseconds,
                p99 < goalMilliseconds ? "met" : "NOT met");
    }
}
