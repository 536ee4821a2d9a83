package org.ams.it.browser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Access Manager Agent / Groups. */
public final class GroupsPage {

    public static final String PATH = "admin/agent/groups.xhtml";

    private final Browser browser;

    public GroupsPage(Browser browser) {
        this.browser = browser;
        browser.waitForPage();
    }

    public record Row(String name, int members, boolean editable) {
    }

    public List<Row> rows() {
        return groupRows().stream().map(row -> new Row(text(row, "name"), Integer.parseInt(text(row, "members")),
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
            selectTenant("groups:tenant", tenant);
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
        return groupRows().stream().filter(row -> text(row, "tenant").equals(tenant) && text(row, "name").equals(group))
                .findFirst().map(row -> Integer.parseInt(text(row, "members"))).orElseThrow();
    }

    private void selectTenant(String menuId, String tenant) {
        Select select = new Select(browser.driver().findElement(By.id(menuId + "_input")));
        String value = select.getOptions().stream().filter(o -> o.getAttribute("textContent").equals(tenant))
                .findFirst().orElseThrow().getAttribute("value");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "var select = document.getElementById(arguments[0]); select.value = arguments[1];"
                        + "select.dispatchEvent(new Event('change'));", menuId + "_input", value);
        browser.waitForPage();
    }

    public List<String> members() {
        return browser.driver().findElements(By.cssSelector("tr.member .name")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    public void removeMember(String device) {
        WebElement row = browser.driver().findElements(By.cssSelector("tr.member")).stream()
                .filter(candidate -> text(candidate, "name").equals(device)).findFirst().orElseThrow();
        click(row.findElement(By.cssSelector(".remove-button")));
    }

    public void delete(String group) {
        click(groupRow(group).findElement(By.cssSelector(".delete-button")));
        browser.waitUntil(driver -> driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).isDisplayed());
        click(browser.driver().findElement(By.cssSelector(".ui-confirmdialog-yes")));
    }

    public String errorText() {
        List<WebElement> errors = browser.driver().findElements(By.cssSelector(".ui-messages-error"));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    private WebElement groupRow(String name) {
        return groupRows().stream().filter(row -> text(row, "name").equals(name)).findFirst().orElseThrow();
    }

    private List<WebElement> groupRows() {
        return browser.driver().findElements(By.cssSelector("tr.device-group"));
    }

    private void type(String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void click(WebElement element) {
        element.click();
        browser.waitForPage();
    }

    private static String text(WebElement row, String css) {
        return row.findElement(By.cssSelector("." + css)).getText();
    }
}
