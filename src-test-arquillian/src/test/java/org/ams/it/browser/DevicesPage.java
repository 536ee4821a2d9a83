package org.ams.it.browser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Access Manager Agent / Devices. */
public final class DevicesPage {

    public static final String PATH = "admin/agent/devices.xhtml";

    private final Browser browser;

    public DevicesPage(Browser browser) {
        this.browser = browser;
        browser.waitForPage();
    }

    public record Row(String name, String dnsName, String os, String agentVersion, String directory, String groups,
                      String state, String lastCheckIn, int keys) {
    }

    public List<Row> rows() {
        return rowElements().stream().map(DevicesPage::row).collect(Collectors.toList());
    }

    public Optional<Row> row(String name) {
        return rows().stream().filter(row -> row.name().equals(name)).findFirst();
    }

    public void approve(String name) {
        act(name, "approve-button", false);
    }

    public void disable(String name) {
        act(name, "disable-button", false);
    }

    public void enable(String name) {
        act(name, "enable-button", false);
    }

    public void delete(String name) {
        act(name, "delete-button", true);
    }

    public void purge(String name) {
        act(name, "purge-button", true);
    }

    /** Switches the list to the deleted devices (or back). */
    public void toggleDeleted() {
        browser.driver().findElement(By.cssSelector("#devices\\:showDeleted .ui-chkbox-box")).click();
        browser.waitForPage();
    }

    public String infoText() {
        List<WebElement> infos = browser.driver().findElements(By.cssSelector(".ui-messages-info"));
        return infos.isEmpty() ? "" : infos.get(0).getText();
    }

    private void act(String name, String button, boolean confirm) {
        rowElements().stream().filter(row -> text(row, "name").equals(name)).findFirst().orElseThrow()
                .findElement(By.cssSelector("." + button)).click();
        browser.waitForPage();
        if (confirm) {
            browser.waitUntil(driver -> driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).isDisplayed());
            browser.driver().findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
            browser.waitForPage();
        }
    }

    private List<WebElement> rowElements() {
        return browser.driver().findElements(By.cssSelector("tr.device"));
    }

    private static Row row(WebElement row) {
        return new Row(text(row, "name"), text(row, "dns-name"), text(row, "os"), text(row, "agent-version"),
                text(row, "directory"), text(row, "groups"), text(row, "state"), text(row, "last-check-in"),
                Integer.parseInt(text(row, "keys")));
    }

    private static String text(WebElement row, String css) {
        return row.findElement(By.cssSelector("." + css)).getText();
    }
}
