package org.ams.it.browser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Access Manager Agent / Groups. */
public final class GroupsPage extends PageObject {

    public static final String PATH = "admin/agent/groups.xhtml";

    public GroupsPage(Browser browser) {
        super(browser);
    }

    public record Row(String name, int members, boolean editable) {
    }

    public List<Row> rows() {
        return groupRows().stream().map(row -> new Row(cell(row, "name"), Integer.parseInt(cell(row, "members")),
                !row.findElements(By.cssSelector(".delete-button")).isEmpty())).collect(Collectors.toList());
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

    public void openMembers(String group) {
        click(groupRow(group).findElement(By.cssSelector(".members-button")));
    }

    /** Picks the device in the (filterable) menu and adds it. */
    public void addMember(String device) {
        WebElement input = browser.driver().findElement(By.id("members:device_input"));
        String value = new Select(input).getOptions().stream().filter(option -> option.getAttribute("textContent")
                .equals(device)).findFirst().orElseThrow().getAttribute("value");
        ((JavascriptExecutor) browser.driver()).executeScript("PF('deviceMenu').selectValue(arguments[0]);", value);
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
        return groupRows().stream().filter(row -> cell(row, "tenant").equals(tenant) && cell(row, "name").equals(group))
                .findFirst().map(row -> Integer.parseInt(cell(row, "members"))).orElseThrow();
    }

    public List<String> members() {
        return browser.driver().findElements(By.cssSelector("tr.member .name")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    public void removeMember(String device) {
        WebElement row = browser.driver().findElements(By.cssSelector("tr.member")).stream()
                .filter(candidate -> cell(candidate, "name").equals(device)).findFirst().orElseThrow();
        click(row.findElement(By.cssSelector(".remove-button")));
    }

    public void delete(String group) {
        click(groupRow(group).findElement(By.cssSelector(".delete-button")));
        confirm();
    }

    private WebElement groupRow(String name) {
        return groupRows().stream().filter(row -> cell(row, "name").equals(name)).findFirst().orElseThrow();
    }

    private List<WebElement> groupRows() {
        return browser.driver().findElements(By.cssSelector("tr.device-group"));
    }
}
