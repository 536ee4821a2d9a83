package org.ams.it.browser;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Access Manager Agent / Groups. */
public final class GroupsPage extends PageObject {

    private static final String GROUP_ROWS = "tr.device-group";

    public static final String PATH = "admin/agent/groups.xhtml";

    public GroupsPage(Browser browser) {
        super(browser);
    }

    public record Row(String name, int members, boolean editable) {
    }

    public List<Row> rows() {
        return browser.table(GROUP_ROWS, ".name", ".members", "?.delete-button").stream()
                .map(cells -> new Row(cells.get(0), Integer.parseInt(cells.get(1)), Boolean.parseBoolean(cells.get(2))))
                .collect(Collectors.toList());
    }

    public Optional<Row> row(String name) {
        return rows().stream().filter(row -> row.name().equals(name)).findFirst();
    }

    public void add(String name, String description) {
        add(null, name, description);
    }

    /** Adds a group to a tenant (by name; {@code null} keeps the preselected default tenant). */
    public void add(String tenant, String name, String description) {
        if (tenant != null) {
            selectByLabel("groups:tenant", tenant);
        }
        type("groups:name", name);
        type("groups:description", description);
        click(browser.driver().findElement(By.id("groups:add")));
    }

    /** "On" or "Off": self-service recovery of a tenant's group. */
    public String selfService(String tenant, String group) {
        return browser.table(GROUP_ROWS, ".self-service").get(groupIndex(tenant, group)).get(0);
    }

    /** Turn on / Turn off self-service recovery for a tenant's group: answers the confirmation, returns its question. */
    public String toggleSelfService(String tenant, String group) {
        browser.clickWhenReady(groupRow(tenant, group).findElement(By.cssSelector(".self-service-button")));
        By message = By.cssSelector(".ui-confirm-dialog-message");
        browser.waitUntil(driver -> driver.findElements(message).stream().anyMatch(WebElement::isDisplayed));
        String question = browser.driver().findElements(message).stream().filter(WebElement::isDisplayed)
                .findFirst().orElseThrow().getText();
        confirm();
        return question;
    }

    private WebElement groupRow(String tenant, String group) {
        return browser.driver().findElements(By.cssSelector(GROUP_ROWS)).get(groupIndex(tenant, group));
    }

    private int groupIndex(String tenant, String group) {
        int index = browser.table(GROUP_ROWS, ".tenant", ".name").indexOf(List.of(tenant, group));
        if (index < 0) {
            throw new AssertionError("no group " + tenant + " / " + group);
        }
        return index;
    }

    public void openMembers(String group) {
        click(groupRow(group).findElement(By.cssSelector(".members-button")));
    }

    /**
     * Types the device's name into the device field and adds it: picked from the suggestions when it is one, added as
     * typed when it is not. A device the group cannot take (of another tenant, say) is never suggested, and adding it
     * by name shows the page's reason.
     */
    public void addMember(String device) {
        browser.waitForPage();
        WebElement field = browser.driver().findElement(By.id("members:device_input"));
        field.clear();
        field.sendKeys(device);
        // The suggestions open with devices or with the empty message; only then is it known whether it is one.
        Optional<WebElement> suggestion = browser.waitUntil(driver -> {
            WebElement panel = driver.findElement(By.id("members:device_panel"));
            if (!panel.isDisplayed()) {
                return null;
            }
            return panel.findElements(By.xpath(".//li[contains(@class,'ui-autocomplete-item')][normalize-space(.)='"
                    + device + "']")).stream().findFirst();
        }, Duration.ofSeconds(30));
        suggestion.ifPresent(this::click);
        click(browser.driver().findElement(By.id("members:addMember")));
    }

    public void addTenant(String name) {
        type("tenants:name", name);
        click(browser.driver().findElement(By.id("tenants:add")));
    }

    public List<String> tenants() {
        return browser.driver().findElements(By.cssSelector("tr.tenant .name")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    /** Members count of a tenant's group, for groups whose names repeat across tenants ("All devices"). */
    public int members(String tenant, String group) {
        return Integer.parseInt(browser.table(GROUP_ROWS, ".members").get(groupIndex(tenant, group)).get(0));
    }

    public List<String> members() {
        return browser.driver().findElements(By.cssSelector("tr.member .name")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    public void removeMember(String device) {
        WebElement row = browser.rowWhere("tr.member", ".name", device).orElseThrow();
        click(row.findElement(By.cssSelector(".remove-button")));
    }

    public void delete(String group) {
        click(groupRow(group).findElement(By.cssSelector(".delete-button")));
        confirm();
    }

    private WebElement groupRow(String name) {
        return browser.rowWhere(GROUP_ROWS, ".name", name).orElseThrow();
    }
}
