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
        // The first visit to a page that needs sign-in opens the session that remembers where the user was going.
        HttpsURLConnection firstVisit = https("", null);
        assertEquals(302, firstVisit.getResponseCode(), "sent on to the sign-in page");
        String first = sessionCookie(firstVisit);

        HttpsURLConnection signIn = https("login.xhtml", first);
        signIn.setRequestMethod("POST");
        signIn.setDoOutput(true);
        signIn.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        signIn.getOutputStream().write(signInForm("admin", TestEnvironment.adminPassword())
                .getBytes(StandardCharsets.UTF_8));

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
    @DisplayName("The sign-in page keeps no view in a session: it opens none, and a sign-in needs none, so it "
            + "cannot expire between showing the form and sending it")
    void signInNeedsNoSession() throws Exception {
        HttpResponse<String> page = get("login.xhtml");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().allValues("Set-Cookie").stream().noneMatch(cookie -> cookie.startsWith(
                "AMS_SESSION=")), "showing the form opens no session: " + page.headers().allValues("Set-Cookie"));
        Matcher viewState = VIEW_STATE.matcher(page.body());
        assertTrue(viewState.find(), "the form still carries the view state field");
        assertEquals("stateless", viewState.group(1), "a stateless view");

        HttpResponse<String> signedIn = postSignIn("admin", TestEnvironment.adminPassword(), "same-origin", null);
        assertEquals(302, signedIn.statusCode(), "signed in without any session before: " + signedIn.body());
        assertTrue(signedIn.headers().allValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith(
                "AMS_SESSION=")), "the sign-in opened the session");
    }

    @Test
    @DisplayName("A sign-in posted by another site (login CSRF) is refused before any account is tried, and opens "
            + "no session")
    void signInFromAnotherSiteIsRefused() throws Exception {
        String origin = "http://" + base.getHost() + ":" + base.getPort();
        for (String[] headers : List.of(new String[] {"cross-site", "https://attacker.example.net"},
                new String[] {"same-site", "http://intranet." + base.getHost()},
                new String[] {null, "https://attacker.example.net"})) {
            HttpResponse<String> answer = postSignIn("admin", TestEnvironment.adminPassword(), headers[0],
                    headers[1]);
            String sent = "Sec-Fetch-Site " + headers[0] + ", Origin " + headers[1];
            assertEquals(200, answer.statusCode(), sent);
            assertTrue(answer.body().contains("was not sent from AMS&#39;s own sign-in page")
                    || answer.body().contains("was not sent from AMS's own sign-in page"), sent);
            assertTrue(answer.headers().allValues("Set-Cookie").stream().noneMatch(cookie -> cookie.startsWith(
                    "AMS_SESSION=")), sent + ": no session");
        }
        // The control: the same post from the page's own origin signs in.
        assertEquals(302, postSignIn("admin", TestEnvironment.adminPassword(), null, origin).statusCode());
    }

    @Test
    @DisplayName("A post to a page whose view has expired is not done; the browser is sent to a page that says so, "
            + "after a full post and after an Ajax one alike")
    void anExpiredPageSaysSo() throws Exception {
        ConsoleHttp admin = ConsoleHttp.signIn(base, "admin", TestEnvironment.adminPassword());
        String supportBefore = agentSupport(admin);
        // A view state the session never held, as after newer pages pushed the session's views out.
        String form = ConsoleHttp.form("support", "support", "support:disable", "support:disable",
                "jakarta.faces.ViewState", "-4711:815");

        HttpResponse<String> full = admin.post("admin/agent/registration.xhtml", false, form);
        assertEquals(302, full.statusCode(), full.body());
        assertTrue(full.headers().firstValue("Location").orElse("").endsWith("/login.xhtml?expired=true"),
                full.headers().toString());
        HttpResponse<String> ajax = admin.post("admin/agent/registration.xhtml", true, form);
        assertEquals(200, ajax.statusCode());
        assertTrue(ajax.body().contains("<redirect url=\"") && ajax.body().contains("/login.xhtml?expired=true"),
                ajax.body());

        String shown = admin.get("login.xhtml?expired=true");
        assertTrue(shown.contains("The page you were using had expired, so what you last sent was not done"), shown);
        assertTrue(shown.contains("You are signed in as"), "a signed-in user is offered the way back");
        assertTrue(shown.contains("<h1>Already signed in</h1>"), "and not asked to sign in: " + shown);
        assertFalse(shown.contains("id=\"login:username\""), "and no sign-in form");
        assertEquals(supportBefore, agentSupport(admin), "nothing of the posts was done");
    }

    private static String agentSupport(ConsoleHttp console) throws Exception {
        Matcher status = Pattern.compile("Agent support is (enabled|disabled)").matcher(
                console.get("admin/agent/registration.xhtml"));
        assertTrue(status.find(), "the page shows the agent support status");
        return status.group(1);
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

    private HttpResponse<String> postSignIn(String user, String password, String fetchSite, String origin)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(signInForm(user, password)));
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sign-in form as the page posts it; its view state is "stateless", as the page renders it. */
    private static String signInForm(String user, String password) {
        return "login=login&login%3Ausername=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&login%3Apassword=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&login%3AsignIn=&jakarta.faces.ViewState=stateless";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
