package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Menu;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation, deployed as built to Payara Micro, on the database this run was given (H2 or PostgreSQL):
 * migrations ran, the server says it is ready, and the bootstrapped administrator can sign in and out in a browser.
 */
@ExtendWith(ArquillianExtension.class)
class FoundationIT extends BrowserIT {

    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @DisplayName("/health/ready is UP once the migrations have run")
    void readinessIsUp() throws Exception {
        HttpResponse<String> response = get("health/ready");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"));
        JsonObject database = health.getJsonArray("checks").getJsonObject(0);
        assertEquals("database", database.getString("name"));
        assertEquals("READY", database.getJsonObject("data").getString("phase"));
    }

    @Test
    void livenessAndOverallHealthAreUp() throws Exception {
        assertEquals(200, get("health/live").statusCode());
        assertEquals(200, get("health").statusCode());
        assertEquals(404, get("health/nonsense").statusCode());
    }

    @Test
    @DisplayName("The schema lives in the configured database, owned by Flyway, with the administrator in it")
    void schemaIsInTheConfiguredDatabase() throws Exception {
        if (TestEnvironment.database().equals("postgresql")) {
            try (Connection connection = TestEnvironment.postgresConnection();
                 Statement statement = connection.createStatement()) {
                ResultSet migrations = statement.executeQuery(
                        "SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'");
                migrations.next();
                assertEquals(1, migrations.getInt(1));
                ResultSet admin = statement.executeQuery(
                        "SELECT a.username, g.role FROM local_account a JOIN role_grant g "
                                + "ON g.principal_id = CAST(a.id AS VARCHAR) WHERE a.username_key = 'admin'");
                assertTrue(admin.next(), "the administrator account exists");
                assertEquals("ADMINISTRATOR", admin.getString("role"));
                assertFalse(admin.next());
            }
        } else {
            assertTrue(Files.size(TestEnvironment.dataDirectory().resolve("db").resolve("ams.mv.db")) > 0,
                    "the embedded database is a file in the data directory");
        }
    }

    @Test
    @DisplayName("Every answer tells the browser not to frame, sniff or leak it")
    void securityHeaders() throws Exception {
        HttpResponse<String> login = get("login.xhtml");

        assertEquals(200, login.statusCode());
        assertEquals("DENY", login.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", login.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(login.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                login.headers().toString());
        assertTrue(login.headers().firstValue("Strict-Transport-Security").isEmpty(), "HSTS only over HTTPS");
    }

    @Test
    @DisplayName("The session cookie is HttpOnly, Secure and SameSite=Strict over HTTPS, at the first visit and on "
            + "the new session id a sign-in issues")
    void sessionCookieIsSameSiteStrict() throws Exception {
        HttpsURLConnection firstVisit = https("login.xhtml", null);
        String page = new String(firstVisit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String first = sessionCookie(firstVisit);
        Matcher viewState = VIEW_STATE.matcher(page);
        assertTrue(viewState.find(), "the sign-in form carries its view state");

        HttpsURLConnection signIn = https("login.xhtml", first);
        signIn.setRequestMethod("POST");
        signIn.setDoOutput(true);
        signIn.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        String form = "login=login&login%3Ausername=admin&login%3Apassword="
                + URLEncoder.encode(TestEnvironment.adminPassword(), StandardCharsets.UTF_8)
                + "&login%3AsignIn=&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState.group(1).replace("&#58;", ":"), StandardCharsets.UTF_8);
        signIn.getOutputStream().write(form.getBytes(StandardCharsets.UTF_8));

        assertEquals(302, signIn.getResponseCode(), "signed in and sent on to the home page");
        String signedIn = sessionCookie(signIn);
        assertNotEquals(first.substring(0, first.indexOf(';')), signedIn.substring(0, signedIn.indexOf(';')),
                "sign-in issues a new session id");
        for (String cookie : List.of(first, signedIn)) {
            // Attribute names and the SameSite value are case-insensitive (RFC 6265bis); Payara writes "strict".
            List<String> attributes = Stream.of(cookie.split(";\\s*")).skip(1)
                    .map(attribute -> attribute.toLowerCase(Locale.ROOT)).toList();
            String shown = cookie.replaceFirst("=[^;]*", "=...");
            assertTrue(attributes.contains("samesite=strict"), shown);
            assertTrue(attributes.contains("httponly"), shown);
            assertTrue(attributes.contains("secure"), shown);
        }
    }

    @Test
    void pagesNeedSignInAndRedirectToTheLoginPage() throws Exception {
        HttpResponse<String> response = get("");

        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"),
                response.headers().toString());
    }

    @Test
    @DisplayName("The administrator signs in with the bootstrapped password, sees their role, and signs out")
    void administratorSignsInAndOut() {
        LoginPage login = browser.open(base.toString(), LoginPage.class);
        assertEquals("Sign in to AMS", login.heading());

        login.signIn("admin", TestEnvironment.adminPassword());

        HomePage home = browser.on(HomePage.class);
        assertEquals("admin", home.signedInUser());
        assertEquals("Administrator", home.roles());
        assertTrue(new Menu(browser).entries().contains("Home"), "the menu offers the pages of the build");

        home.signOut();

        LoginPage afterSignOut = browser.on(LoginPage.class);
        assertTrue(afterSignOut.showsSignedOut());
        browser.open(base.toString(), LoginPage.class);
        assertTrue(browser.currentPath().endsWith("/login.xhtml"), "the session is gone after signing out");
    }

    @Test
    @DisplayName("A wrong password and an unknown user get the same message and no session")
    void wrongCredentialsAreRefused() {
        LoginPage login = browser.open(base + "login.xhtml", LoginPage.class);
        String wrongPassword = answerTo(() -> login.signIn("admin", "not-the-password")).errorText();

        String unknownUser = answerTo(() -> browser.on(LoginPage.class).signIn("nobody-here", "not-the-password"))
                .errorText();

        assertTrue(wrongPassword.startsWith("Sign-in failed"), wrongPassword);
        assertEquals(wrongPassword, unknownUser);
        assertTrue(browser.currentPath().endsWith("/login.xhtml"), browser.driver().getCurrentUrl());
    }

    /** The sign-in page that answers this submission, once the browser has left the page it was sent from. */
    private LoginPage answerTo(Runnable submission) {
        WebElement sent = browser.driver().findElement(By.tagName("html"));
        submission.run();
        browser.waitUntil(ExpectedConditions.stalenessOf(sent));
        return browser.on(LoginPage.class);
    }

    /** A request over HTTPS to the test server, which presents Payara's own self-signed certificate. */
    private static HttpsURLConnection https(String path, String sessionCookie) throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) URI.create(ConsoleSetup.httpsServer() + "/" + path)
                .toURL().openConnection();
        connection.setSSLSocketFactory(ConsoleSetup.trustingAnyCertificate().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setInstanceFollowRedirects(false);
        if (sessionCookie != null) {
            connection.setRequestProperty("Cookie", sessionCookie.substring(0, sessionCookie.indexOf(';')));
        }
        return connection;
    }

    /** The raw Set-Cookie header of the session cookie, as the server sent it. */
    private static String sessionCookie(HttpsURLConnection response) throws Exception {
        response.getResponseCode();
        List<String> cookies = response.getHeaderFields().getOrDefault("Set-Cookie", List.of());
        return cookies.stream().filter(cookie -> cookie.startsWith("AMS_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie set: " + cookies.size() + " cookies"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
