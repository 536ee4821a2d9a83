package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.FormGrids;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.NotificationChannelsPage;
import org.ams.it.browser.Viewport;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The browser part of NotificationsIT, kept apart so that the test class, which is also loaded inside the server,
 * never names a Selenium type.
 */
final class NotificationChannelsScenario {

    private NotificationChannelsScenario() {
    }

    static void addEmailChannelAndSendTest(URL base, int smtpPort) throws Exception {
        Browser browser = Browser.shared();
        signInAsAdministrator(browser, base);
        NotificationChannelsPage page = browser.open(base + "admin/settings/notification-channels.xhtml",
                NotificationChannelsPage.class).on(browser);

        page.startAddingEmail();
        NotificationChannelsPage.EmailChannel channel = new NotificationChannelsPage.EmailChannel();
        channel.name = "Page mail";
        channel.host = "127.0.0.1";
        channel.port = smtpPort;
        channel.security = "NONE";
        channel.username = "ams-it";
        channel.password = NotificationsIT.SMTP_PASSWORD;
        channel.from = "ams-it@corp.example";
        channel.recipients = "helpdesk";
        channel.subject = "Page test for {{user}} on {{computer}}";
        channel.systemAlerts = true;
        page.fill(channel);
        editorReadsWell(browser);
        page.save();
        assertEquals("The recipient address 'helpdesk' is not an email address such as ams@corp.example.",
                page.errorText());
        assertFalse(page.channels().contains("Page mail"), "nothing was saved");

        channel.recipients = "helpdesk-leads@corp.example";
        page.fill(channel);
        page.save();
        assertTrue(page.channels().contains("Page mail"), page.channels().toString());
        assertEquals("Yes", page.systemAlerts("Page mail"), "the ticked System alerts was saved");
        assertFalse(browser.driver().getPageSource().contains(NotificationsIT.SMTP_PASSWORD),
                "the password is never shown again");

        String outcome = page.sendTest("Page mail");

        assertEquals("Page mail: Test message accepted by 127.0.0.1:" + smtpPort + " for 1 recipient(s).", outcome);
        var email = NotificationListeners.awaitMail("Page test for jdoe on PC-0042", Duration.ofSeconds(60));
        assertTrue(NotificationListeners.body(email).contains("Jane &quot;JD&quot; Doe &lt;helpdesk&gt;"),
                NotificationListeners.body(email));
        List<String> deliveries = page.deliveries();
        assertTrue(deliveries.contains("Page mail: DELIVERED"), deliveries.toString());
    }

    /**
     * The editor, filled in and with System alerts ticked, at a laptop's and a desktop's width: nothing in it is cut
     * off. Its pictures are kept beside the console's under {@code console-screenshots/}.
     */
    private static void editorReadsWell(Browser browser) {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        try {
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                List<ClippedContent.Clip> clips = ClippedContent.on(browser).stream()
                        .filter(clip -> clip.selector().contains("editor")).toList();
                assertTrue(clips.isEmpty(), "at " + window.width + " px the channel editor cuts off " + clips);
                assertEquals(List.of(), FormGrids.misplaced(browser), "at " + window.width + " px");
                viewport.screenshot(TestEnvironment.work().resolveSibling("console-screenshots")
                        .resolve(TestEnvironment.database()).resolve("channel-editor-" + window.width + ".png"));
            }
        } finally {
            viewport.size(before);
        }
    }

    private static void signInAsAdministrator(Browser browser, URL base) {
        LoginPage login = browser.open(base + "login.xhtml", LoginPage.class);
        WebElement old = browser.driver().findElement(By.tagName("html"));
        login.signIn("admin", TestEnvironment.adminPassword());
        browser.waitUntil(ExpectedConditions.stalenessOf(old));
        assertEquals("admin", browser.on(HomePage.class).signedInUser());
    }
}
