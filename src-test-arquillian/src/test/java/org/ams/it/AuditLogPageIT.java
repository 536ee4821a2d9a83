package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ams.it.browser.AuditForwardingPage;
import org.ams.it.browser.AuditLogPage;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.GroupsPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.RolesPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The Audit log page in a real browser: the administrator's own changes (device groups made on the Groups page) are
 * listed newest first and found by the filters; "Verify integrity" and the REST verification agree that the chain is
 * intact; the CSV export holds the filtered records, with a formula-like group name defused; an Auditor may use the
 * page and the REST call, a Helpdesk user neither; a script calls the REST verification with HTTP Basic.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogPageIT extends BrowserIT {

    private static final String RUN = Long.toHexString(new SecureRandom().nextLong());
    private static final String LAPTOPS = "Audit Laptops " + RUN;
    private static final String SERVERS = "Audit Servers " + RUN;
    private static final String FORMULA = "=SUM(1+1) " + RUN;
    private static final String AUDITOR_PASSWORD = "Audra-Password-2024";
    private static final String HELPDESK_PASSWORD = "Hal-Password-2024";
    private static final Pattern INTACT = Pattern.compile(
            "The audit log is intact: (\\d+) records, last hash ([0-9a-f]{64})\\.");

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("The administrator's changes are listed newest first; the user and computer filters narrow the list")
    void changesAreListedAndFiltered() {
        signIn("admin", TestEnvironment.adminPassword());
        GroupsPage groups = open(GroupsPage.PATH, GroupsPage::new);
        groups.add(LAPTOPS, "Audit log test");
        groups.add(SERVERS, "Audit log test");
        groups.add(FORMULA, "Audit log test");
        assertTrue(groups.row(FORMULA).isPresent(), "the groups were created");

        Menu menu = new Menu(browser);
        assertTrue(menu.entries().contains("Audit log"), menu.entries().toString());
        menu.open("Audit log");
        AuditLogPage page = new AuditLogPage(browser);

        assertEquals("Audit log", page.heading());
        List<AuditLogPage.Row> rows = page.rows();
        assertEquals(List.of(FORMULA, SERVERS, LAPTOPS), rows.subList(0, 3).stream()
                .map(AuditLogPage.Row::targetName).toList(), "newest first");
        assertEquals("device-group.created", rows.get(0).action());
        assertEquals("admin", rows.get(0).actor());
        assertTrue(rows.get(0).sequence() > rows.get(1).sequence());

        page.filter("ADMIN", "laptops " + RUN);
        assertEquals(List.of(LAPTOPS), page.rows().stream().map(AuditLogPage.Row::targetName).toList());

        page.filter("nobody-" + RUN, null);
        assertEquals(List.of(), page.rows());
        assertEquals("No audit records.", page.emptyMessage());
    }

    @Test
    @Order(2)
    @DisplayName("Verify integrity says the log is intact; the REST call agrees for a signed-in administrator and "
            + "answers nothing to anyone else")
    void verificationOnThePageAndOverRest() throws Exception {
        AuditLogPage page = open(AuditLogPage.PATH, AuditLogPage::new);

        String said = page.verify();

        Matcher intact = INTACT.matcher(said);
        assertTrue(intact.matches(), said);
        browser.driver().get(base + "api/audit/v1/verification");
        JsonObject answer = Json.createReader(new StringReader(
                browser.driver().findElement(By.tagName("pre")).getText())).readObject();
        assertTrue(answer.getBoolean("intact"), answer.toString());
        assertEquals("INTACT", answer.getString("status"));
        assertEquals(Long.parseLong(intact.group(1)), answer.getJsonNumber("records").longValue());
        assertEquals(intact.group(2), answer.getString("lastHash"));
        assertTrue(answer.isNull("brokenAt"));

        HttpResponse<String> anonymous = verificationCall(null);
        assertEquals(401, anonymous.statusCode(), "a script without credentials is challenged, not sent to sign in");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
                anonymous.headers().toString());
        assertTrue(anonymous.headers().firstValue("Location").isEmpty(), anonymous.headers().toString());
        assertFalse(anonymous.body().contains("intact"), anonymous.body());
    }

    @Test
    @Order(3)
    @DisplayName("Export CSV downloads exactly the filtered records, with a formula-like name defused")
    void csvExport() throws Exception {
        AuditLogPage page = open(AuditLogPage.PATH, AuditLogPage::new);
        page.filter("admin", RUN);
        assertEquals(3, page.rows().size());

        page.exportCsv();

        Path csv = awaitDownload(".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("sequence,occurredAt,actor,action,targetType,targetId,targetName,"),
                lines.get(0));
        assertTrue(lines.get(1).contains(",device-group.created,DeviceGroup,") && lines.get(1).contains(LAPTOPS),
                lines.get(1));
        assertTrue(lines.get(3).contains(",'" + FORMULA + ","), "defused: " + lines.get(3));
        assertFalse(lines.stream().anyMatch(line -> line.contains("," + FORMULA)), "never a bare formula");

        page = new AuditLogPage(browser);
        page.exportJsonLines();
        Path jsonLines = awaitDownload(".jsonl");
        List<String> objects = Files.readAllLines(jsonLines, StandardCharsets.UTF_8);
        assertEquals(3, objects.size());
        assertEquals(FORMULA, Json.createReader(new StringReader(objects.get(2))).readObject().getString("targetName"));

        open(AuditLogPage.PATH, AuditLogPage::new);
        AuditLogPage.Row newest = new AuditLogPage(browser).rows().get(0);
        assertEquals("audit.exported", newest.action(), "the export itself is recorded");
    }

    @Test
    @Order(4)
    @DisplayName("An Auditor opens the Audit log and verifies it; a Helpdesk user is refused the page and the REST call")
    void onlyAuditorsAndAdministratorsSeeTheLog() {
        browser.driver().manage().deleteAllCookies();
        signIn("admin", TestEnvironment.adminPassword());
        AuthenticationPage accounts = browser.open(base + "admin/settings/authentication.xhtml",
                AuthenticationPage.class).on(browser);
        accounts.addLocalAccount("audra", "Audra Auditor", AUDITOR_PASSWORD);
        accounts.addLocalAccount("hal", "Hal Helpdesk", HELPDESK_PASSWORD);
        RolesPage roles = browser.open(base + "admin/settings/roles.xhtml", RolesPage.class).on(browser);
        roles.search("audra");
        roles.grant("AUDITOR", "audra");
        roles.search("hal");
        roles.grant("HELPDESK", "hal");
        browser.driver().manage().deleteAllCookies();

        signIn("audra", AUDITOR_PASSWORD);
        Menu menu = new Menu(browser);
        assertTrue(menu.entries().contains("Audit log"), menu.entries().toString());
        menu.open("Audit log");
        String said = new AuditLogPage(browser).verify();
        assertTrue(INTACT.matcher(said).matches(), said);
        assertTrue(restAnswer().contains("\"intact\":true"), "the auditor may call the REST verification");
        browser.driver().manage().deleteAllCookies();

        signIn("hal", HELPDESK_PASSWORD);
        assertFalse(new Menu(browser).entries().contains("Audit log"));
        browser.driver().get(base + AuditLogPage.PATH);
        browser.waitForPage();
        assertEquals(1, browser.driver().findElements(By.id("forbidden")).size(), "the page is refused");
        assertFalse(browser.driver().findElements(By.cssSelector("tr.audit-record")).size() > 0);
        String refused = restAnswer();
        assertFalse(refused.contains("intact"), refused);
        assertEquals(1, browser.driver().findElements(By.id("forbidden")).size(), "the REST call is refused");
    }

    @Test
    @Order(5)
    @DisplayName("Settings / Audit forwarding: a bad port is refused; a TCP receiver gets the test message and the records")
    void auditForwardingToASyslogReceiver() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.start()) {
            browser.driver().manage().deleteAllCookies();
            signIn("admin", TestEnvironment.adminPassword());
            new Menu(browser).open("Audit forwarding");
            AuditForwardingPage page = new AuditForwardingPage(browser);
            assertEquals("Off", page.state());

            page.enabled(true).receiver("TCP", "127.0.0.1", "70000").save();
            assertTrue(page.errorText().contains("65535"), page.errorText());
            browser.driver().navigate().refresh();
            assertEquals("Off", new AuditForwardingPage(browser).state(), "the refused settings changed nothing");

            page = new AuditForwardingPage(browser).enabled(true)
                    .receiver("TCP", "127.0.0.1", String.valueOf(receiver.port())).save();
            assertEquals("", page.errorText());
            assertEquals("On", page.state());
            String outcome = page.sendTest();
            assertEquals("Test message delivered to 127.0.0.1:" + receiver.port() + " over TCP.", outcome);

            String received = receiver.awaitText("audit-forwarding.tested");
            assertTrue(received.contains("Test message from AMS"), "the test message arrived first");
            assertTrue(received.matches("(?s)\\d+ <\\d+>1 \\d{4}-\\d\\d-\\d\\dT.*"),
                    "octet-counted RFC 5424 frames: " + received.substring(0, Math.min(80, received.length())));
            assertTrue(received.contains("settings.audit-forwarding-changed"),
                    "the record of switching it on was forwarded, and the test's own record after it");
        }
    }

    @Test
    @Order(6)
    @DisplayName("A script calls the REST verification with HTTP Basic: an Auditor gets the answer, a wrong password "
            + "401, a Helpdesk user 403, never the sign-in page; the form sign-in works as before")
    void verificationForScriptsWithBasicAuthentication() throws Exception {
        HttpResponse<String> auditor = verificationCall("audra:" + AUDITOR_PASSWORD);
        assertEquals(200, auditor.statusCode(), auditor.body());
        JsonObject answer = Json.createReader(new StringReader(auditor.body())).readObject();
        assertTrue(answer.getBoolean("intact"), answer.toString());
        assertEquals("INTACT", answer.getString("status"));
        assertTrue(answer.getJsonNumber("records").longValue() > 0, answer.toString());
        assertTrue(auditor.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("AMS_SESSION")
                        || c.startsWith("JSESSIONID")),
                "no session for a script: " + auditor.headers().allValues("Set-Cookie"));

        HttpResponse<String> wrong = verificationCall("audra:not-the-password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
                wrong.headers().toString());
        assertFalse(wrong.body().contains("intact"), wrong.body());

        HttpResponse<String> helpdesk = verificationCall("hal:" + HELPDESK_PASSWORD);
        assertEquals(403, helpdesk.statusCode());
        assertFalse(helpdesk.body().contains("intact"), helpdesk.body());
        assertTrue(helpdesk.headers().firstValue("Location").isEmpty(), helpdesk.headers().toString());

        browser.driver().manage().deleteAllCookies();
        signIn("audra", AUDITOR_PASSWORD);
    }

    /** GET /api/audit/v1/verification as a script sends it: no cookies, redirects not followed. */
    private HttpResponse<String> verificationCall(String userAndPassword) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/audit/v1/verification")).GET();
        if (userAndPassword != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A syslog receiver on 127.0.0.1 that keeps everything it is sent over TCP. */
    private static final class SyslogReceiver implements AutoCloseable {

        private final java.net.ServerSocket socket;
        private final StringBuffer received = new StringBuffer();

        private SyslogReceiver(java.net.ServerSocket socket) {
            this.socket = socket;
        }

        static SyslogReceiver start() throws IOException {
            SyslogReceiver receiver = new SyslogReceiver(new java.net.ServerSocket(0, 50,
                    java.net.InetAddress.getLoopbackAddress()));
            Thread accepting = new Thread(receiver::accept, "syslog-receiver");
            accepting.setDaemon(true);
            accepting.start();
            return receiver;
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (java.net.Socket connection = socket.accept()) {
                    received.append(new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        String awaitText(String part) {
            return browser.waitUntil(driver -> received.indexOf(part) >= 0 ? received.toString() : null);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private String restAnswer() {
        browser.driver().get(base + "api/audit/v1/verification");
        browser.waitForPage();
        return browser.driver().getPageSource();
    }

    private static Path awaitDownload(String suffix) {
        return browser.waitUntil(driver -> {
            try (Stream<Path> listing = Files.list(downloads)) {
                return listing.filter(path -> path.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }
}
