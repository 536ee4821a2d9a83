package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Path;
import java.util.function.Function;
import org.ams.it.browser.Browser;
import org.ams.it.browser.LoginPage;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the browser-driven IT classes share: the test JVM's one headless browser, in a new context for each class
 * (no cookies, an empty download directory), and the way a person signs in and opens a page. These classes run wholly
 * on the client ({@link RunAsClient}, inherited), so the server never loads their Selenium types.
 */
@RunAsClient
abstract class BrowserIT {

    protected static Browser browser;
    protected static Path downloads;

    @ArquillianResource
    protected URL base;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.shared();
        downloads = Browser.sharedDownloads();
    }

    /** For the phase report: this class's time counts as the browser's. */
    @org.junit.jupiter.api.BeforeEach
    void noteBrowserClass() {
        org.ams.it.server.SuiteClock.browserUsedBy(getClass().getSimpleName());
    }

    /** Signs in afresh (a new session), landing on the home page. */
    protected void signIn(String user, String password) {
        LoginPage.signInAfresh(browser, base, user, password);
    }

    /** Opens the page at this path (relative to the application) and reads it with the page object. */
    protected <P> P open(String path, Function<Browser, P> page) {
        browser.driver().get(base + path);
        browser.waitForPage();
        return page.apply(browser);
    }

    protected ConsoleSetup console() {
        return new ConsoleSetup(browser, base, downloads);
    }

    protected static void assertSucceeded(AgentProcess.Result result, String expected) {
        assertEquals(0, result.exitCode(), result.output());
        org.junit.jupiter.api.Assertions.assertTrue(result.output().contains(expected), result.output());
    }
}
