package org.ams.it.browser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Access Manager Agent / Devices. */
public final class DevicesPage extends PageObject {

    public static final String PATH = "admin/agent/devices.xhtml";

    public DevicesPage(Browser browser) {
        super(browser);
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

    /**
     * Types into the Name column's filter and waits until the table shows only devices whose name contains the text,
     * as an administrator would on a server with more devices than one page holds.
     */
    public DevicesPage filterByName(String text) {
        WebElement field = browser.driver().findElements(By.cssSelector("#devices\\:table thead .ui-column-filter"))
                .get(0);
        field.clear();
        field.sendKeys(text);
        browser.waitUntil(driver -> {
            try {
                return rows().stream().allMatch(row -> row.name().toLowerCase().contains(text.toLowerCase()))
                        ? Boolean.TRUE : null;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return null;
            }
        });
        browser.waitForPage();
        return this;
    }

    public void approve(String name) {
        act(name, "approve-button", false);
    }

    public void reject(String name) {
        act(name, "reject-button", false);
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

    private void act(String name, String button, boolean confirm) {
        rowElements().stream().filter(row -> cell(row, "name").equals(name)).findFirst().orElseThrow()
                .findElement(By.cssSelector("." + button)).click();
        browser.waitForPage();
        if (confirm) {
            confirm();
        }
    }

    private List<WebElement> rowElements() {
        return browser.driver().findElements(By.cssSelector("tr.device"));
    }

    private static Row row(WebElement row) {
        return new Row(cell(row, "name"), cell(row, "dns-name"), cell(row, "os"), cell(row, "agent-version"),
                cell(row, "directory"), cell(row, "groups"), cell(row, "state"), cell(row, "last-check-in"),
                Integer.parseInt(cell(row, "keys")));
    }
}
