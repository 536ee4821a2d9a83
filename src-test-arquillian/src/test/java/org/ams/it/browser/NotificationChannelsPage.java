package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code admin/settings/notification-channels.xhtml}: channels, the editor, Send test and recent deliveries. */
public class NotificationChannelsPage {

    private Browser browser;

    @FindBy(id = "channels:addSmtp")
    private WebElement addSmtp;

    @FindBy(css = ".ui-messages-error")
    private List<WebElement> errors;

    public NotificationChannelsPage on(Browser current) {
        this.browser = current;
        return this;
    }

    /** The email channel form's fields. */
    public static final class EmailChannel {
        public String name;
        public String host;
        public int port;
        public String security;
        public String username;
        public String password;
        public String from;
        public String recipients;
        public String subject;
        /** Ticks "System alerts" (a new channel starts without). */
        public boolean systemAlerts;
    }

    public void startAddingEmail() {
        click(addSmtp);
    }

    public void fill(EmailChannel channel) {
        browser.fill("editor:name", channel.name);
        browser.fill("editor:host", channel.host);
        ((JavascriptExecutor) browser.driver()).executeScript("PF('smtpPortInput').setValue(arguments[0]);",
                channel.port);
        ((JavascriptExecutor) browser.driver()).executeScript("PF('smtpSecurityMenu').selectValue(arguments[0]);",
                channel.security);
        browser.fill("editor:username", channel.username);
        browser.fill("editor:password", channel.password);
        browser.fill("editor:from", channel.from);
        browser.fill("editor:recipients", channel.recipients);
        browser.fill("editor:subject", channel.subject);
        WebElement alerts = browser.driver().findElement(By.cssSelector("#editor\\:systemAlerts .ui-chkbox-box"));
        if (channel.systemAlerts != alerts.getAttribute("class").contains("ui-state-active")) {
            alerts.click();
        }
    }

    /**
     * Add webhook, with the page's ready-made body, the given URL and Global ticked (fires for every access request);
     * saved.
     */
    public void addGlobalWebhook(String name, String url) {
        if (browser.driver().findElements(By.id("channels:addWebhook")).isEmpty()) {
            throw new AssertionError("no 'Add webhook channel...' on " + browser.driver().getCurrentUrl() + ": "
                    + browser.driver().findElement(By.tagName("body")).getText());
        }
        click(browser.driver().findElement(By.id("channels:addWebhook")));
        browser.waitUntil(driver -> !driver.findElements(By.id("editor:url")).isEmpty());
        browser.fill("editor:name", name);
        browser.fill("editor:url", url);
        browser.driver().findElement(By.cssSelector("#editor\\:global .ui-chkbox-box")).click();
        save();
    }

    public void save() {
        click(browser.driver().findElement(By.id("editor:save")));
    }

    public List<String> channels() {
        return texts("#channels\\:table .channel-name");
    }

    /** The list's System alerts column for the channel: Yes or No. */
    public String systemAlerts(String channel) {
        return channelRow(channel).findElement(By.cssSelector(".channel-alerts")).getText();
    }

    /** Presses the channel's Send test and returns the sentence shown under the list. */
    public String sendTest(String channel) {
        click(channelRow(channel).findElement(By.cssSelector("button[id$=':test']")));
        List<WebElement> outcome = browser.driver().findElements(By.cssSelector("#channels\\:testOutcome > div"));
        return outcome.isEmpty() ? "" : outcome.get(0).getText().strip();
    }

    /** Deletes the channel, answering Yes to the question. */
    public void delete(String channel) {
        click(channelRow(channel).findElement(By.cssSelector("button[id$=':delete']")));
        browser.waitUntil(driver -> driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).isDisplayed());
        browser.clickWhenReady(By.cssSelector(".ui-confirmdialog-yes"));
        browser.waitForPage();
    }

    private WebElement channelRow(String channel) {
        return browser.driver().findElements(By.cssSelector("#channels\\:table tbody tr")).stream()
                .filter(candidate -> candidate.findElements(By.cssSelector(".channel-name")).stream()
                        .anyMatch(name -> name.getText().equals(channel)))
                .findFirst().orElseThrow(() -> new AssertionError("no channel " + channel));
    }

    /** "channel: STATE" for each recent delivery, newest first. */
    public List<String> deliveries() {
        // One read: the table refreshes itself while the page is open, and a row read cell by cell may be replaced
        // between two calls.
        return browser.table("#deliveries\\:table tbody tr", "?.delivery-channel", ".delivery-channel",
                        ".delivery-state").stream()
                .filter(cells -> cells.get(0).equals("true"))
                .map(cells -> cells.get(1) + ": " + cells.get(2))
                .collect(Collectors.toList());
    }

    /** The error the last action produced; waits for it, since only a refused action shows one. */
    public String errorText() {
        browser.waitUntil(driver -> !errors.isEmpty());
        return errors.get(0).getText();
    }

    private List<String> texts(String css) {
        return browser.driver().findElements(By.cssSelector(css)).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    private void click(WebElement button) {
        button.click();
        browser.waitForPage();
    }
}
