package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ams.it.browser.AccessibilityCheck;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.GroupsPage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.RecoverPage;
import org.ams.it.browser.Viewport;
import org.openqa.selenium.Dimension;

/**
 * The client side of {@link RecoverPageIT}: the administrator's and the user's browser. Kept apart from the test class
 * because the test class is also loaded inside the server, where Selenium does not exist.
 */
final class RecoverPageClient {

    private static final List<Dimension> CONSOLE = List.of(new Dimension(1366, 768), new Dimension(1920, 1080));
    private static final List<Dimension> RECOVER = List.of(new Dimension(1366, 768), new Dimension(1920, 1080),
            new Dimension(400, 800));

    private static Browser browser;
    private static URL base;

    private RecoverPageClient() {
    }

    static void start() {
        browser = Browser.shared();
    }

    static void at(URL server) {
        base = server;
    }

    static void administratorTurnsItOn() {
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
        GroupsPage groups = open(GroupsPage.PATH, GroupsPage::new);
        assertEquals("Off", groups.selfService(RecoverPageIT.TENANT, RecoverPageIT.GROUP));
        String question = groups.toggleSelfService(RecoverPageIT.TENANT, RecoverPageIT.GROUP);
        assertTrue(question.startsWith("Turn on self-service recovery for " + RecoverPageIT.TENANT + " / "
                + RecoverPageIT.GROUP + "?"), question);
        groups = new GroupsPage(browser);
        assertEquals("On", groups.selfService(RecoverPageIT.TENANT, RecoverPageIT.GROUP));
        assertEquals("Off", groups.selfService(RecoverPageIT.TENANT, "All devices"), "only the group");
        screenshots(CONSOLE, "groups-self-service");

        DevicesPage devices = open(DevicesPage.PATH, DevicesPage::new).filterByName(RecoverPageIT.COMPUTER);
        DevicesPage.UsersDialog users = devices.users(RecoverPageIT.COMPUTER);
        assertEquals(List.of("CORP\\" + RecoverPageIT.USER), users.signedIn());
        assertEquals("Type the primary user as CORP\\jdoe, jdoe@corp.example or jdoe (at most 256 characters); "
                + "nothing was changed.", users.setPrimaryUser("CORP\\"));
        assertEquals(RecoverPageIT.USER + "@corp.example is the primary user of " + RecoverPageIT.COMPUTER + ".",
                users.setPrimaryUser(RecoverPageIT.USER + "@corp.example"));
        screenshots(CONSOLE, "device-users");
        users.close();
    }

    static void userRecovers() {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "login.xhtml", LoginPage.class).signIn(RecoverPageIT.USER, RecoverPageIT.PASSWORD);
        browser.waitUntil(driver -> browser.currentPath().endsWith("/recover"));
        RecoverPage page = new RecoverPage(browser);
        assertEquals(RecoverPageIT.USER, page.signedInUser(), "a SelfService-only user lands on /recover");
        assertFalse(page.showsConsole(), "nothing else of AMS");

        page = page.recover("5e1fc0de", "Lost PIN");

        String expected = RecoverPageIT.RECOVERY_PASSWORD;
        assertEquals(List.of(expected.split("-")), page.groups());
        assertEquals("5E1FC0DE", page.shownKeyId());
        assertEquals(RecoverPageIT.COMPUTER, page.computer());
        assertTrue(page.rotationNote().contains("replaces this recovery password"), page.rotationNote());
        List<String> reading = page.readOut();
        assertEquals(8, reading.size());
        assertEquals("1. Fower Six Six Eight Niner Fife", reading.get(0));
        screenshots(RECOVER, "recover");
        assertEquals(List.of(), AccessibilityCheck.seriousViolations(browser).stream().map(Object::toString).toList(),
                "a page every user meets reads with assistive technology too");

        page = page.recover("0BADC0DE", "TPM reset");
        assertEquals("No device of yours has a recovery key with this ID. Check the key ID on the recovery screen, "
                + "or call your helpdesk.", page.refusal());
        assertEquals(List.of(), page.groups());
        assertFalse(page.source().contains(expected.substring(0, 6) + "<"), "no password left on the page");
        screenshots(List.of(new Dimension(400, 800)), "recover-refused");
    }

    private static void screenshots(List<Dimension> windows, String name) {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> clipped = new ArrayList<>();
        try {
            for (Dimension window : windows) {
                viewport.size(window);
                ClippedContent.on(browser).forEach(clip -> clipped.add(window.width + " px: " + clip));
                viewport.screenshot(screenshotDirectory().resolve(name + "-" + window.width + ".png"));
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(clipped.isEmpty(), String.join("\n", clipped));
    }

    private static <P> P open(String path, java.util.function.Function<Browser, P> page) {
        browser.driver().get(base + path);
        browser.waitForPage();
        return page.apply(browser);
    }

    private static Path screenshotDirectory() {
        return TestEnvironment.work().resolveSibling("console-screenshots").resolve(TestEnvironment.database());
    }
}
