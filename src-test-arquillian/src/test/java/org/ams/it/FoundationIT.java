package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Menu;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation, deployed as built to Payara Micro, on the database this run was given (H2 or PostgreSQL):
 * migrations ran, the server says it is ready, and the bootstrapped administrator can sign in and out in a browser.
 */
@ExtendWith(ArquillianExtension.class)
class FoundationIT extends BrowserIT {

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
        login.signIn("admin", "not-the-password");
        String wrongPassword = browser.on(LoginPage.class).errorText();

        browser.on(LoginPage.class).signIn("nobody-here", "not-the-password");
        String unknownUser = browser.on(LoginPage.class).errorText();

        assertTrue(wrongPassword.startsWith("Sign-in failed"), wrongPassword);
        assertEquals(wrongPassword, unknownUser);
        assertTrue(browser.currentPath().endsWith("/login.xhtml"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
