package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.server.ApplicationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built EAR on another vendor's Jakarta EE server (unpacked from Maven Central at build time), deployed with the
 * server's own tool as README's *Deploying on your application server* says, with AMS's settings as system
 * properties of the server. On this module's database (the embedded H2 database in the data directory, or a
 * throwaway PostgreSQL database, {@link TestEnvironment}): ready, an administrator signs in and prepares the console,
 * the real agent jar registers and escrows a volumes file, a helpdesk user reads the password on the page; a redeploy
 * keeps all of it, an undeploy leaves nothing of AMS running.
 * <p>
 * One flow for every server; a subclass per server starts it and says what differs. A server of its own, not the
 * shared Payara Micro: the point is the EAR on another vendor's server. The steps build on each other and run in
 * order, on one server start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class EarOnApplicationServer {

    private static final String HELPDESK_PASSWORD = "Hanna-Helpdesk-2026";
    /** The OS drive's recovery password in the volumes file (src/test/resources/volumes/four-volumes.json). */
    private static final String OS = "531058-303050-716078-383614-460922-106975-083446-139161";

    private final String serverName;
    private final String computer;
    private final String helpdeskUser;
    private final String rule;
    private ApplicationServer server;
    private URL base;
    private Browser browser;
    private Path downloads;

    /** @param serverName the server's product name, as the console names the registration key made for it */
    protected EarOnApplicationServer(String serverName) {
        this.serverName = serverName;
        this.computer = serverName.toUpperCase(Locale.ROOT) + "-PC-1";
        this.helpdeskUser = serverName.toLowerCase(Locale.ROOT) + "-hanna";
        this.rule = "Hanna reads " + computer;
    }

    /**
     * Starts the server with AMS's settings as its JVM's system properties and makes it ready for the EAR, as README
     * tells an administrator to.
     *
     * @param settings  {@code -Dams.*=value}: the data directory, the database and the first administrator's password
     * @param directory the server's own directory (configuration, log, deployments), made afresh
     */
    protected abstract ApplicationServer start(List<String> settings, Path directory) throws Exception;

    /** Whether the server applies the Servlet 6 {@code SameSite} attribute AMS gives its session cookie (README). */
    protected abstract boolean appliesSessionCookieSameSite();

    @BeforeAll
    void startServerAndDeploy() throws Exception {
        List<String> settings = Arrays.stream(System.getProperty("ams.it.server.options").split(" "))
                .filter(option -> option.startsWith("-Dams.")).toList();
        // Beside this run's data directory.
        server = start(settings, TestEnvironment.dataDirectory()
                .resolveSibling(serverName.toLowerCase(Locale.ROOT)));
        server.deploy(Deployments.ear());
        base = URI.create("http://127.0.0.1:" + server.httpPort() + "/").toURL();
        // The agent and the fingerprint check find the server's HTTPS port here (AgentDevice, ConsoleSetup).
        System.setProperty(TestEnvironment.HTTPS_PORT, String.valueOf(server.httpsPort()));
        browser = Browser.shared();
        downloads = Browser.sharedDownloads();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Deployed, AMS is ready on its database and serves the sign-in page, its cookie and /metrics")
    void ready() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> ready = get(client, "health/ready");
        HttpResponse<String> firstVisit = get(client, "");
        HttpResponse<String> login = get(client, "login.xhtml");
        HttpResponse<String> metrics = get(client, "metrics");

        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\":\"UP\""), ready.body());
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("Sign in to AMS"), "the Faces page renders from the EAR's web module");
        // The first visit opens the session that remembers where the user was going.
        assertEquals(302, firstVisit.statusCode(), "sent on to the sign-in page");
        String sessionCookie = firstVisit.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("AMS_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + firstVisit.headers()));
        assertTrue(sessionCookie.contains("HttpOnly"), sessionCookie);
        assertEquals(appliesSessionCookieSameSite(), sessionCookie.contains("SameSite=Strict"), sessionCookie);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("\nams_database_figures_up 1"), metrics.body());
        String log = server.log();
        assertTrue(log.contains("AMS database is ready."), ApplicationServer.tail(log, 40));
        assertTrue(log.contains("database: " + TestEnvironment.database().toUpperCase(Locale.ROOT)),
                "AMS's log names the database it was given");
    }

    @Test
    @Order(2)
    @DisplayName("An administrator prepares the console, the real agent escrows, a helpdesk user reads the password")
    void agentEscrowsAndHelpdeskReads() throws Exception {
        ConsoleSetup console = new ConsoleSetup(browser, base, downloads);
        String registrationKey = console.readyForAgents(serverName);
        console.addHelpdeskAccount(helpdeskUser, "Hanna Desk", HELPDESK_PASSWORD);

        AgentDevice device = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(),
                serverName.toLowerCase(Locale.ROOT) + "-agent-"), ConsoleSetup.servedFingerprint());
        assertSucceeded(device.register(registrationKey, computer), "(APPROVED)");
        assertSucceeded(device.checkIn("four-volumes.json"), "escrowed");
        // The native provider inside the EAR, or the JDK's: either way AMS says which one runs its key operations.
        assertTrue(server.log().contains("org.ams.crypto.CryptoEngine"), "the crypto engine's choice is logged");

        browser.driver().get(base + ComputerRulesPage.PATH);
        browser.waitForPage();
        ComputerRulesPage rules = new ComputerRulesPage(browser).add()
                .target(computer, "Computer " + computer).description(rule)
                .addEntry(helpdeskUser, helpdeskUser, true, "Read BitLocker recovery passwords")
                .doneWithPermissions().save();
        assertTrue(rules.row(rule).isPresent(), rules.errorText());

        helpdeskUserReadsTheOsDrivePassword();
    }

    @Test
    @Order(3)
    @DisplayName("A redeploy keeps accounts, devices, rules and secrets: the helpdesk user reads the password again")
    void redeployKeepsTheData() throws Exception {
        server.redeploy(Deployments.ear());

        HttpResponse<String> ready = get(HttpClient.newHttpClient(), "health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        helpdeskUserReadsTheOsDrivePassword();
    }

    @Test
    @Order(4)
    @DisplayName("An undeploy leaves no AMS thread or timer running: the log and a thread dump hold nothing of AMS")
    void undeployLeavesNothingRunning() throws Exception {
        server.undeploy();

        // A pass of background work that was reading the database when the server removed the application's pool
        // ends with the database layer's retries (GlassFish removes the pool first); it may take that long, no longer.
        List<String> amsThreads = amsThreads();
        for (int second = 0; second < 30 && !amsThreads.isEmpty(); second++) {
            Thread.sleep(1_000);
            amsThreads = amsThreads();
        }
        assertTrue(amsThreads.isEmpty(), "threads still in AMS's code 30 s after its undeploy:\n"
                + String.join("\n\n", amsThreads));
        int quiet = server.log().length();
        // Longer than AMS's most frequent background work (the outbox and audit forwarding, every 5 s): a task or
        // timer left behind would run, and fail or log, within it.
        Thread.sleep(Duration.ofSeconds(7).toMillis());
        List<String> amsLines = server.log().substring(quiet).lines().filter(line -> line.contains("org.ams"))
                .toList();
        assertTrue(amsLines.isEmpty(), "AMS still runs after its undeploy:\n" + String.join("\n", amsLines));
        assertTrue(amsThreads().isEmpty(), "a thread entered AMS's code after its undeploy");
        assertEquals(404, get(HttpClient.newHttpClient(), "health/ready").statusCode());
    }

    /** Whole threads, so that a failure shows where a thread left behind waits. */
    private List<String> amsThreads() throws Exception {
        return Arrays.stream(server.threadDump().split("\n\\s*\n"))
                .filter(thread -> thread.contains("at org.ams.")).toList();
    }

    private void helpdeskUserReadsTheOsDrivePassword() {
        LoginPage.signInAfresh(browser, base, helpdeskUser, HELPDESK_PASSWORD);
        RequestAccessPage request = RequestAccessPage.readyToAsk(browser, base, computer,
                "Ticket 39: locked out after a BIOS update");
        request.showPasswords();

        assertEquals(rule, request.grantingRule());
        RequestAccessPage.Key osDrive = request.keys().stream().filter(key -> key.mountPoint().equals("C:"))
                .findFirst().orElseThrow(() -> new AssertionError("no key of C: is shown"));
        // Compared, never printed: a recovery password stays out of test output.
        assertTrue(OS.equals(osDrive.password()), "the OS drive's password is the one the agent read");
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.toURI().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSucceeded(AgentProcess.Result result, String expected) {
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(expected), result.output());
        assertFalse(result.output().contains(OS), "the agent's output holds no recovery password");
    }
}
