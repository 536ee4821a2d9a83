package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.browser.UserInterfacePage;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The client side of {@link HelpdeskIT}: the browser, the administrator's console steps and the agents. Kept apart
 * from the test class because the test class is also loaded inside the server, where neither Selenium nor the agent
 * exists: its own fields and method signatures use JDK and page-object types only.
 */
final class HelpdeskClient {

    static final String DEVICE = "HD-PC-1";
    static final String METADATA_ONLY_DEVICE = "HD-PC-META";
    /** The recovery key ID of HD-PC-META's one escrowed protector. */
    static final String METADATA_ONLY_KEY_ID = "5F8A2B61";
    static final String BRANCH = "Branch";

    private static Browser browser;
    private static Path downloads;
    private static URL base;

    private HelpdeskClient() {
    }

    static void start() throws Exception {
        browser = Browser.shared();
        downloads = Browser.sharedDownloads();
    }

    static void stop() {
        // The shared browser outlives the class; the next class gets a new context.
    }

    static void at(URL server) {
        base = server;
    }

    /**
     * The administrator's part in the browser (agent support, an active encryption certificate, a registration key
     * per tenant), then the real agent jar: HD-PC-1 in the default tenant escrows the volumes file's passwords and
     * then replaces its fixed drive's protector (history), a computer of the same name in the branch tenant escrows
     * one whose key ID starts like HD-PC-1's OS drive's, and HD-PC-META escrows one of its own.
     */
    static void prepareAgents() throws Exception {
        signIn("admin", TestEnvironment.adminPassword());
        ConsoleSetup console = new ConsoleSetup(browser, base, downloads);
        AgentRegistrationPage registration = console.agentRegistration();
        if (!registration.agentSupportStatus().contains("enabled")) {
            registration.enableAgentSupport();
        }
        String headquarters = console.agentRegistration().addKey("Helpdesk IT headquarters", null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        String branch = console.agentRegistration().addKey(BRANCH, "Helpdesk IT branch", null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        console.createActive2048BitCertificate("AMS helpdesk IT", "Helpdesk-IT-backup-1");

        String pin = ConsoleSetup.servedFingerprint();
        AgentDevice pc = agent(pin);
        assertSucceeded(pc.register(headquarters, DEVICE), "(APPROVED)");
        assertSucceeded(pc.checkIn("four-volumes.json"), "3 escrowed");
        assertSucceeded(pc.checkIn("fixed-protector-replaced.json"), "1 escrowed");
        AgentDevice twin = agent(pin);
        assertSucceeded(twin.register(branch, DEVICE), "(APPROVED)");
        assertSucceeded(twin.checkIn("helpdesk-twin-volumes.json"), "1 escrowed");
        AgentDevice meta = agent(pin);
        assertSucceeded(meta.register(headquarters, METADATA_ONLY_DEVICE), "(APPROVED)");
        assertSucceeded(meta.checkIn("helpdesk-meta-volumes.json"), "1 escrowed");
    }

    private static AgentDevice agent(String pin) throws Exception {
        return new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "helpdesk-agent-"), pin);
    }

    private static void assertSucceeded(AgentProcess.Result result, String expected) {
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(expected), result.output());
    }

    /** Signs in afresh (a new session), landing on the home page. */
    static void signIn(String user, String password) {
        LoginPage.signInAfresh(browser, base, user, password);
    }

    static List<String> menuEntries() {
        return new Menu(browser).entries();
    }

    /** Opens Request access from the menu, as a user would. */
    static RequestAccessPage openFromMenu() {
        new Menu(browser).open("Request access");
        return new RequestAccessPage(browser);
    }

    /** Opens Request access from the home page's link. */
    static RequestAccessPage openFromHomePage() {
        browser.driver().get(base + "index.xhtml");
        browser.on(HomePage.class).openRequestAccess();
        browser.waitUntil(driver -> browser.currentPath().endsWith(RequestAccessPage.PATH));
        return new RequestAccessPage(browser);
    }

    /** Opens Settings / User interface (as an administrator). */
    static UserInterfacePage openUserInterfaceSettings() {
        browser.driver().get(base + UserInterfacePage.PATH);
        return new UserInterfacePage(browser);
    }

    static RequestAccessPage open() {
        browser.driver().get(base + RequestAccessPage.PATH);
        return new RequestAccessPage(browser);
    }

    static RequestAccessPage page() {
        return new RequestAccessPage(browser);
    }

    static String pageSource() {
        return browser.driver().getPageSource();
    }

    /** What the browser shows at the request page's address (the sign-in page's "Not allowed" for a 403). */
    static String textAtRequestPage() {
        browser.driver().get(base + RequestAccessPage.PATH);
        browser.waitForPage();
        return browser.driver().findElement(By.tagName("main")).getText();
    }

    /** The HTTP status of a GET of the request page with the browser's session. */
    static int statusOfRequestPage() throws Exception {
        Cookie session = browser.driver().manage().getCookieNamed("AMS_SESSION");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + RequestAccessPage.PATH))
                .header("Cookie", "AMS_SESSION=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    static Path work() {
        return TestEnvironment.work();
    }
}
