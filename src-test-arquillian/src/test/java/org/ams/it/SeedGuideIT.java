package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.ams.identity.testing.TestDirectory;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.AuditLogPage;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.EffectiveAccessPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.NotificationChannelsPage;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.browser.RolesPage;
import org.ams.it.browser.WindowsPoliciesPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The administrator's guide, from Step 1 to Step 7, followed in a real browser on a freshly started server as a new
 * administrator would: nothing is prepared through a service. Around it stand the real parts the guide needs: an
 * LDAP directory whose helpdesk group is nested three deep, the real agent jar reading a volumes file, a GreenMail
 * SMTP server receiving the rule's success and failure emails. A helpdesk user in the nested group sees exactly the
 * passwords the agent escrowed under the policy; a helpdesk user whose group may only see the computer is denied;
 * both requests are in the audit log and both emails arrived, none of them holding a password.
 * <p>
 * The steps build on each other and run in order.
 * <p>
 * A server of its own (Failsafe runs this class in a JVM of its own, see the module's POM): the guide starts from a
 * server nobody has touched, e.g. nothing can be uploaded before the first certificate exists.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedGuideIT extends BrowserIT {

    private static final String COMPUTER = "SEED-PC-1";
    /** A device name an attacker controls (agents report their own names), and a rule description alike. */
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final String DIRECTORY = "Corp AD";
    private static final String POLICY = "Helpdesk computers";
    private static final String CHANNEL = "Security team";
    private static final String RULE = "Helpdesk staff read the recovery passwords of " + COMPUTER;
    private static final String SALES_RULE = "Sales may see which keys exist";
    private static final String PASSWORDS = "Read BitLocker recovery passwords";
    private static final String METADATA = "Read BitLocker key metadata";
    private static final String REASON = "Ticket 9001: user locked out at the recovery screen";
    private static final String HELEN_PASSWORD = "Helen-Password-2024";
    private static final String NORA_PASSWORD = "Nora-Password-2024";

    // The volumes file's passwords (src/test/resources/volumes/four-volumes.json): OS drive C:, fixed drive D:,
    // removable drive E:. The policy backs up the first two only.
    private static final String OS = "531058-303050-716078-383614-460922-106975-083446-139161";
    private static final String FIXED = "466895-217492-569250-069608-104434-135707-527241-083622";
    private static final String REMOVABLE = "612062-085217-178486-321860-089188-571923-071489-318747";

    private static TestDirectory directory;
    private static int smtpPort;
    private static String registrationKey;
    private static AgentDevice agent;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startReceivers() throws Exception {
        directory = TestDirectory.start();
        smtpPort = NotificationListeners.startMail();
    }

    @AfterAll
    static void stopReceivers() {
        NotificationListeners.stopAll();
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Before the guide: the administrator connects Active Directory and grants Helpdesk to two groups")
    void directoryAndRoles() {
        console().signInAsAdministrator();
        AuthenticationPage authentication = open("admin/settings/authentication.xhtml",
                current -> browser.on(AuthenticationPage.class).on(current));
        authentication.startAdding();
        authentication.fill(corpDirectory());
        authentication.save();
        assertEquals(List.of(DIRECTORY), authentication.directories(), authentication.errorText());

        RolesPage roles = open("admin/settings/roles.xhtml", current -> browser.on(RolesPage.class).on(current));
        roles.search("helpdesk");
        roles.grant("HELPDESK", "Helpdesk Staff");
        roles.search("sales");
        roles.grant("HELPDESK", "Sales");
        assertTrue(roles.grants().containsAll(List.of("Helpdesk: Helpdesk Staff", "Helpdesk: Sales")),
                roles.grants().toString());
    }

    @Test
    @Order(2)
    @DisplayName("Step 1: agent support is enabled and a registration key is created")
    void step1EnableAgentSupport() {
        AgentRegistrationPage registration = open(AgentRegistrationPage.PATH, AgentRegistrationPage::new);
        assertFalse(registration.agentSupportStatus().contains("enabled"), "a fresh server starts with it off");
        registration.enableAgentSupport();
        assertTrue(new AgentRegistrationPage(browser).agentSupportStatus().contains("enabled"));
        registrationKey = new AgentRegistrationPage(browser).addKey("Guide devices", null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        assertFalse(registrationKey.isBlank());
    }

    @Test
    @Order(3)
    @DisplayName("Step 2: the real agent registers; with no encryption certificate yet it uploads nothing")
    void step2DeployTheAgent() throws Exception {
        agent = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "guide-agent-"),
                ConsoleSetup.servedFingerprint());
        assertSucceeded(agent.register(registrationKey, COMPUTER), "(APPROVED)");

        assertSucceeded(agent.checkIn("four-volumes.json"), "no active encryption certificate yet; nothing uploaded");

        AgentDevice hostile = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "guide-hostile-"),
                ConsoleSetup.servedFingerprint());
        assertSucceeded(hostile.register(registrationKey, HOSTILE), "(APPROVED)");
    }

    @Test
    @Order(4)
    @DisplayName("Step 3: an encryption certificate is generated, backed up and made active")
    void step3EncryptionCertificate() throws Exception {
        console().createActiveCertificate("AMS guide", "Guide-Backup-Password-1");
    }

    @Test
    @Order(5)
    @DisplayName("Steps 4 and 5: a Windows policy for the AMS directory backs up OS and fixed drives, not removable ones")
    void steps4and5WindowsPolicy() throws Exception {
        WindowsPoliciesPage policies = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).add().name(POLICY)
                .addTarget("ams", "Directory Default / AMS").backupOsDrive(true).backupFixedDrives(true)
                .backupRemovableDrives(false).save();
        WindowsPoliciesPage.Row row = policies.row(POLICY)
                .orElseThrow(() -> new AssertionError("not saved: " + new WindowsPoliciesPage(browser).errorText()));
        assertEquals("Enabled", row.state());
        assertEquals(COMPUTER + " gets " + POLICY + ".", new WindowsPoliciesPage(browser).explain(COMPUTER).verdict());

        AgentProcess.Result checkIn = agent.checkIn("four-volumes.json");
        assertSucceeded(checkIn, "2 escrowed");
        assertFalse(checkIn.output().contains(REMOVABLE) || checkIn.output().contains(OS),
                "the agent's output holds no password");
    }

    @Test
    @Order(6)
    @DisplayName("Step 6: a rule for the nested helpdesk group with the ACL editor and email on success and failure")
    void step6AuthorizationRule() {
        NotificationChannelsPage channels = open("admin/settings/notification-channels.xhtml",
                current -> browser.on(NotificationChannelsPage.class).on(current));
        channels.startAddingEmail();
        NotificationChannelsPage.EmailChannel mail = new NotificationChannelsPage.EmailChannel();
        mail.name = CHANNEL;
        mail.host = "127.0.0.1";
        mail.port = smtpPort;
        mail.security = "NONE";
        mail.from = "ams@corp.example";
        mail.recipients = "security@corp.example";
        mail.subject = "{{result}}: {{user}} on {{computer}}";
        channels.fill(mail);
        channels.save();
        assertTrue(channels.channels().contains(CHANNEL), () -> "the channel was not saved: " + channels.errorText());

        ComputerRulesPage rules = open(ComputerRulesPage.PATH, ComputerRulesPage::new).add()
                .target("seed", "Computer " + COMPUTER).description(RULE)
                .addEntry("helpdesk", "Helpdesk Staff", true, PASSWORDS, METADATA).doneWithPermissions()
                .notify(CHANNEL, true).notify(CHANNEL, false).save();
        ComputerRulesPage.Row row = rules.row(RULE)
                .orElseThrow(() -> new AssertionError("not saved: " + new ComputerRulesPage(browser).errorText()));
        assertEquals("Success: " + CHANNEL, row.successChannels());
        assertEquals("Failure: " + CHANNEL, row.failureChannels());
        open(ComputerRulesPage.PATH, ComputerRulesPage::new).add().target("default", "Tenant Default")
                .description(SALES_RULE + " " + HOSTILE).addEntry("sales", "Sales", true, METADATA).doneWithPermissions().save();
        assertTrue(new ComputerRulesPage(browser).row(SALES_RULE + " " + HOSTILE).isPresent(),
                () -> new ComputerRulesPage(browser).errorText());

        EffectiveAccessPage.Answer helen = open(EffectiveAccessPage.PATH, EffectiveAccessPage::new)
                .check("helen", COMPUTER, PASSWORDS);
        assertTrue(helen.verdict().startsWith("Granted"), helen.verdict());
        assertTrue(helen.verdict().contains(RULE), helen.verdict());
        assertTrue(helen.groups().contains("Helpdesk Staff"), "three groups up from Night Shift: " + helen.groups());
        EffectiveAccessPage.Answer nora = open(EffectiveAccessPage.PATH, EffectiveAccessPage::new)
                .check("nora", COMPUTER, PASSWORDS);
        assertTrue(nora.verdict().startsWith("Denied"), nora.verdict());
    }

    @Test
    @Order(7)
    @DisplayName("Step 7: the helpdesk user finds the computer by name and by key ID and sees exactly the escrowed passwords")
    void step7HelpdeskUserSeesThePassword() throws Exception {
        signIn("helen", HELEN_PASSWORD);
        new Menu(browser).open("Request access");
        RequestAccessPage page = new RequestAccessPage(browser);

        page.reason(REASON);
        page.lookUp("1B4C0E26");
        assertEquals(COMPUTER, page.chosenComputer(), "the key ID on the recovery screen finds the computer");
        page.pickSuggestion("seed", COMPUTER);
        assertEquals(COMPUTER, page.chosenComputer(), "and so does its name");
        page.showPasswords();

        assertEquals(COMPUTER, page.passwordsComputer());
        assertEquals(RULE, page.grantingRule());
        List<RequestAccessPage.Key> keys = page.keys();
        assertEquals(List.of("C:", "D:"), keys.stream().map(RequestAccessPage.Key::mountPoint).toList(),
                "the removable drive was not backed up: " + keys);
        assertTrue(OS.equals(keys.get(0).password()), "the OS drive's password is the one the agent read");
        assertTrue(FIXED.equals(keys.get(1).password()), "the fixed drive's password is the one the agent read");

        MimeMessage granted = NotificationListeners.awaitMail("Success: helen on " + COMPUTER, Duration.ofSeconds(60));
        assertNoPassword(NotificationListeners.body(granted));
        assertTrue(NotificationListeners.body(granted).contains(REASON), "the email gives the reason");
    }

    @Test
    @Order(8)
    @DisplayName("A helpdesk user whose group may only see the computer is denied, and the failure email arrives")
    void aUserWithoutARuleIsDenied() throws Exception {
        signIn("nora", NORA_PASSWORD);
        RequestAccessPage page = open(RequestAccessPage.PATH, RequestAccessPage::new);
        page.pickSuggestion("seed", COMPUTER);
        page.reason("Curious");
        page.showPasswords();

        assertTrue(page.keys().isEmpty(), "no password is shown");
        assertFalse(page.deniedSentence().isBlank(), "the denial is said in words");
        assertNoPassword(browser.driver().getPageSource());
        MimeMessage denied = NotificationListeners.awaitMail("NoMatchingRuleForUser: nora on " + COMPUTER,
                Duration.ofSeconds(60));
        assertNoPassword(NotificationListeners.body(denied));
    }

    @Test
    @Order(9)
    @DisplayName("Both requests are in the audit log, and its chain verifies")
    void bothRequestsAreAudited() {
        signIn("admin", TestEnvironment.adminPassword());
        AuditLogPage log = open(AuditLogPage.PATH, AuditLogPage::new);
        log.filter(null, COMPUTER);
        List<AuditLogPage.Row> rows = new AuditLogPage(browser).rows();
        assertTrue(rows.stream().anyMatch(row -> row.actor().equals("helen") && row.resultCode().equals("SUCCESS")),
                rows.toString());
        assertTrue(rows.stream().anyMatch(row -> row.actor().equals("nora")
                && row.resultCode().equals("NO_MATCHING_RULE_FOR_USER")), rows.toString());
        assertTrue(new AuditLogPage(browser).verify().startsWith("The audit log is intact"), "the chain verifies");
        assertNoPassword(browser.driver().getPageSource());
    }

    @Test
    @Order(10)
    @DisplayName("A device named like HTML is shown as text on the Devices, Dashboard, Computer rules and Request "
            + "access pages, to administrators and helpdesk")
    void userSuppliedTextIsShownAsText() {
        for (String path : List.of("admin/agent/devices.xhtml", "admin/dashboard.xhtml", ComputerRulesPage.PATH)) {
            open(path, current -> current);
            assertShownAsText(path);
        }
        signIn("nora", NORA_PASSWORD);
        RequestAccessPage page = open(RequestAccessPage.PATH, RequestAccessPage::new);
        assertEquals(List.of(HOSTILE), page.suggestions("<img"), "the helpdesk suggestions show the name as text");
        page.pickSuggestion("<img", HOSTILE);
        assertEquals(HOSTILE, page.chosenComputer());
        assertShownAsText(RequestAccessPage.PATH);
    }

    @Test
    @Order(11)
    @DisplayName("A helpdesk user calling an administrator's page, the audit log or a computer by address is refused")
    void helpdeskUserCannotGoAroundThePages() {
        signIn("nora", NORA_PASSWORD);
        for (String path : List.of("admin/agent/devices.xhtml", "admin/authz/computers.xhtml",
                "admin/agent/password-settings.xhtml", AuditLogPage.PATH, "api/audit/v1/verification")) {
            browser.driver().get(base + path);
            browser.waitForPage();
            assertEquals(1, browser.driver().findElements(By.id("forbidden")).size(),
                    path + " is refused");
        }
        for (String query : List.of("?computer=" + COMPUTER, "?deviceId=" + agentDeviceId(), "?keyId=1B4C0E26")) {
            RequestAccessPage page = open(RequestAccessPage.PATH + query, RequestAccessPage::new);
            assertEquals("", page.chosenComputer(), "nothing is chosen from the address " + query);
            assertTrue(page.keys().isEmpty());
            assertNoPassword(browser.driver().getPageSource());
        }
    }

    @Test
    @Order(12)
    @DisplayName("A forged post to an administrator's action, with the session but not the page's view state, changes nothing")
    void aForgedPostChangesNothing() throws Exception {
        signIn("admin", TestEnvironment.adminPassword());
        String session = browser.driver().manage().getCookieNamed("AMS_SESSION").getValue();
        for (boolean ajax : List.of(true, false)) {
            postDisableAgentSupport(session, "-4711:815", ajax);
            assertTrue(open(AgentRegistrationPage.PATH, AgentRegistrationPage::new).agentSupportStatus()
                    .contains("enabled"), "a forged " + (ajax ? "Ajax " : "") + "post did not disable agent support");
        }

        // The control: the very same post, with the view state of the page the administrator has open, does it.
        String viewState = browser.driver().findElement(By.cssSelector(
                "#support input[name='jakarta.faces.ViewState']")).getAttribute("value");
        postDisableAgentSupport(session, viewState, false);
        assertTrue(open(AgentRegistrationPage.PATH, AgentRegistrationPage::new).agentSupportStatus()
                .contains("disabled"), "the post with the page's own view state is what an administrator's click sends");
        new AgentRegistrationPage(browser).enableAgentSupport();
    }

    private void postDisableAgentSupport(String session, String viewState, boolean ajax) throws Exception {
        String form = "support=support&support%3Adisable=support%3Adisable&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState, StandardCharsets.UTF_8)
                + (ajax ? "&jakarta.faces.partial.ajax=true&jakarta.faces.source=support%3Adisable"
                + "&jakarta.faces.partial.execute=%40all" : "");
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base + AgentRegistrationPage.PATH))
                .header("Cookie", "AMS_SESSION=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (ajax) {
            request.header("Faces-Request", "partial/ajax");
        }
        HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String agentDeviceId() {
        try {
            return agent.deviceId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hostile name is in the page's text, and no element was made of it (no image, so no script ran). */
    private void assertShownAsText(String path) {
        String text = browser.driver().findElement(By.tagName("main")).getText();
        assertTrue(text.contains(HOSTILE), path + " shows the name as text");
        assertEquals(0L, ((Number) ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.querySelectorAll('img[src=\"x\"]').length;")).longValue(),
                path + " made no element of the name");
    }

    private static void assertNoPassword(String text) {
        for (String password : List.of(OS, FIXED, REMOVABLE)) {
            assertFalse(text.contains(password) || text.contains(password.replace("-", "")),
                    "a recovery password appears where it must not (text of " + text.length() + " characters)");
        }
    }

    private AuthenticationPage.Directory corpDirectory() {
        return AuthenticationPage.Directory.of(DIRECTORY, directory);
    }
}
