package org.ams.it.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Settings / Audit forwarding. */
public final class AuditForwardingPage extends PageObject {

    public static final String PATH = "admin/settings/audit-forwarding.xhtml";

    public AuditForwardingPage(Browser browser) {
        super(browser);
    }

    /** Fills the receiver's settings; {@code transportLabel} starts the transport's label (e.g. "TCP"). */
    public AuditForwardingPage receiver(String transportLabel, String host, String port) {
        String label = browser.driver().findElements(By.cssSelector("#forwarding\\:transport_input option")).stream()
                .map(option -> option.getAttribute("textContent")).filter(text -> text.startsWith(transportLabel))
                .findFirst().orElseThrow(() -> new AssertionError("no transport " + transportLabel));
        selectByLabel("forwarding:transport", label);
        type("forwarding:host", host);
        type("forwarding:port", port);
        return this;
    }

    public AuditForwardingPage enabled(boolean on) {
        WebElement box = browser.driver().findElement(By.id("forwarding:enabled_input"));
        if (box.isSelected() != on) {
            browser.driver().findElement(By.cssSelector("#forwarding\\:enabled .ui-chkbox-box")).click();
        }
        return this;
    }

    public AuditForwardingPage save() {
        click(browser.driver().findElement(By.id("forwarding:save")));
        return this;
    }

    /** Presses "Send test message"; returns what the page says, good or bad. */
    public String sendTest() {
        click(browser.driver().findElement(By.id("forwarding:test")));
        for (String id : List.of("forwarding:testResult", "forwarding:testProblem")) {
            List<WebElement> said = browser.driver().findElements(By.id(id));
            if (!said.isEmpty()) {
                return said.get(0).getText().strip();
            }
        }
        return "";
    }

    /** "On" or "Off", as the status card says. */
    public String state() {
        return browser.driver().findElement(By.id("state:enabledState")).getText();
    }
}
