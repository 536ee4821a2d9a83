package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Access Manager Agent / Agent registration. */
public final class AgentRegistrationPage extends PageObject {

    public static final String PATH = "admin/agent/registration.xhtml";

    public AgentRegistrationPage(Browser browser) {
        super(browser);
    }

    public record KeyRow(String name, String hint, String activations, String expires, String approval, String groups,
                         String status) {
    }

    public String agentSupportStatus() {
        return text(By.id("support:status"));
    }

    public void enableAgentSupport() {
        click(By.id("support:enable"));
    }

    public void disableAgentSupport() {
        click(By.id("support:disable"));
        click(By.cssSelector(".ui-confirmdialog-yes"));
    }

    public String registerCommand() {
        return text(By.id("register-command"));
    }

    public String serverUrl() {
        return text(By.id("server-url"));
    }

    /** Adds a key and returns the key value the page shows once. */
    public String addKey(String name, Integer activationLimit, boolean approvalRequired) {
        return addKey(null, name, activationLimit, approvalRequired);
    }

    /** Adds a key for a tenant (by name; {@code null} for the preselected default tenant). */
    public String addKey(String tenant, String name, Integer activationLimit, boolean approvalRequired) {
        if (tenant != null) {
            selectByLabel("create:tenant", tenant);
        }
        WebElement nameField = browser.driver().findElement(By.id("create:name"));
        Browser.fill(browser.driver(), nameField, name);
        if (activationLimit != null) {
            WebElement limit = browser.driver().findElement(By.id("create:limit_input"));
            limit.clear();
            limit.sendKeys(String.valueOf(activationLimit));
        }
        WebElement approval = browser.driver().findElement(By.id("create:approval_input"));
        if (approval.isSelected() != approvalRequired) {
            browser.driver().findElement(By.cssSelector("#create\\:approval .ui-chkbox-box")).click();
        }
        click(By.id("create:add"));
        List<WebElement> created = browser.driver().findElements(By.id("createdKey:value"));
        return created.isEmpty() ? null : created.get(0).getText();
    }

    public void confirmKeyCopied() {
        click(By.id("createdKey:done"));
    }

    public boolean showsCreatedKey() {
        return !browser.driver().findElements(By.id("createdKey:value")).isEmpty();
    }

    public List<KeyRow> keys() {
        return browser.table("tr.registration-key", ".name", ".hint", ".activations", ".expires", ".approval",
                        ".groups", ".status").stream()
                .map(cells -> new KeyRow(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4),
                        cells.get(5), cells.get(6)))
                .collect(Collectors.toList());
    }

    public void disableKey(String name) {
        browser.rowWhere("tr.registration-key", ".name", name).orElseThrow()
                .findElement(By.cssSelector(".disable-button")).click();
        browser.waitForPage();
    }

    private String text(By by) {
        return browser.driver().findElement(by).getText();
    }

    private void click(By by) {
        browser.waitUntil(driver -> driver.findElement(by).isDisplayed());
        browser.clickWhenReady(by);
        browser.waitForPage();
    }
}
