package org.ams.it.browser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Authorization rules / Computers, with its rule editor and ACL editor. */
public final class ComputerRulesPage extends PageObject {

    public static final String PATH = "admin/authz/computers.xhtml";

    public ComputerRulesPage(Browser browser) {
        super(browser);
    }

    public record Row(String target, String description, String status, String expires, String acl,
                      String successChannels, String failureChannels) {
    }

    public List<Row> rows() {
        return browser.table("tr.rule", ".target", ".description", ".status", ".expires", ".acl", ".channels",
                ".failure-channels").stream().map(cells -> new Row(cells.get(0), cells.get(1), cells.get(2),
                cells.get(3), cells.get(4), cells.get(5), cells.get(6))).collect(Collectors.toList());
    }

    /**
     * Types into the Description column's filter and waits until the table shows only matching rules; returns their
     * descriptions.
     */
    public List<String> filterByDescription(String text) {
        org.openqa.selenium.WebElement field = browser.driver().findElements(
                By.cssSelector("#rules\\:table thead .ui-column-filter")).get(1);
        field.clear();
        field.sendKeys(text);
        browser.waitUntil(driver -> {
            try {
                List<String> shown = rows().stream().map(Row::description).collect(Collectors.toList());
                return shown.stream().allMatch(description -> description.toLowerCase().contains(text.toLowerCase()))
                        ? shown : null;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return null;
            }
        });
        browser.waitForPage();
        return rows().stream().map(Row::description).collect(Collectors.toList());
    }

    public Optional<Row> row(String description) {
        return rows().stream().filter(row -> row.description().equals(description)).findFirst();
    }

    public Editor add() {
        click(browser.driver().findElement(By.id("rules:add")));
        return new Editor();
    }

    public Editor edit(String description) {
        click(ruleRow(description).findElement(By.cssSelector(".edit-button")));
        return new Editor();
    }

    /** Enable or Disable, whichever the row offers. */
    public void toggle(String description) {
        click(ruleRow(description).findElement(By.cssSelector(".toggle-button")));
    }

    public void delete(String description) {
        click(ruleRow(description).findElement(By.cssSelector(".delete-button")));
        confirm();
    }

    /** The rule editor below the list. */
    public final class Editor {

        private Editor() {
            browser.waitUntil(driver -> !driver.findElements(By.id("rule:save")).isEmpty());
        }

        /** The approvers the Approval section names ("group APX approvers"), "" when the rule needs no approval. */
        public String approvers() {
            List<org.openqa.selenium.WebElement> shown = browser.driver().findElements(By.id("rule:approvers"));
            return shown.isEmpty() ? "" : shown.get(0).getText().strip();
        }

        /** Scrolls the Approval section into view, for a screenshot of it. */
        public void scrollToApproval() {
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('rule:approval').scrollIntoView();");
        }

        public Editor target(String typed, String suggestion) {
            browser.pickSuggestion("rule:target", typed, suggestion);
            return this;
        }

        public Editor description(String description) {
            type("rule:description", description);
            return this;
        }

        /** Whether the expiry field has a button of its own to open the calendar. */
        public boolean expiryHasCalendarButton() {
            return !browser.driver().findElements(By.cssSelector("#rule\\:expires .ui-datepicker-trigger")).isEmpty();
        }

        /** Opens Edit Permissions... and returns the permissions ticked before the administrator chooses any. */
        public List<String> permissionsTickedAtFirst() {
            click(browser.driver().findElement(By.id("rule:editPermissions")));
            browser.waitUntil(driver -> !driver.findElements(By.id("rule:search")).isEmpty());
            return browser.driver().findElements(By.cssSelector("#rule\\:permissions label")).stream()
                    .filter(label -> browser.driver().findElement(By.id(label.getAttribute("for"))).isSelected())
                    .map(WebElement::getText).toList();
        }

        /** Edit Permissions...: finds the user or group and adds an entry with this access and these permissions. */
        public Editor addEntry(String search, String principal, boolean allow, String... permissionLabels) {
            if (browser.driver().findElements(By.id("rule:search")).isEmpty()) {
                click(browser.driver().findElement(By.id("rule:editPermissions")));
            }
            WebElement access = browser.driver().findElements(By.cssSelector("#rule\\:access label")).stream()
                    .filter(label -> label.getText().equals(allow ? "Allow" : "Deny")).findFirst().orElseThrow();
            access.click();
            tick("rule\\:permissions", List.of(permissionLabels), true);
            type("rule:search", search);
            click(browser.driver().findElement(By.id("rule:find")));
            WebElement found = browser.rowWhere("tr.found", ".found-name", principal)
                    .orElseThrow(() -> new AssertionError("the picker did not find " + principal));
            click(found.findElement(By.cssSelector(".add-entry-button")));
            return this;
        }

        /** Ticks the channel in the "On success" or "On failure" list. */
        public Editor notify(String channel, boolean onSuccess) {
            tick(onSuccess ? "rule\\:success" : "rule\\:failure", List.of(channel), false);
            return this;
        }

        public Editor doneWithPermissions() {
            click(browser.driver().findElement(By.id("rule:doneAcl")));
            return this;
        }

        /** The ACL as listed: "Allow Helpdesk team: Read BitLocker recovery passwords, ...". */
        public List<String> entries() {
            return browser.table("tr.acl-entry", ".access", ".principal", ".permissions").stream()
                    .map(cells -> cells.get(0) + " " + cells.get(1) + ": " + cells.get(2))
                    .collect(Collectors.toList());
        }

        public ComputerRulesPage save() {
            click(browser.driver().findElement(By.id("rule:save")));
            return ComputerRulesPage.this;
        }

        public boolean isOpen() {
            return !browser.driver().findElements(By.id("rule:save")).isEmpty();
        }
    }

    /** Ticks the boxes labelled so in a checkbox list; with {@code exactly}, unticks the others. */
    private void tick(String listCss, List<String> labels, boolean exactly) {
        for (WebElement label : browser.driver().findElements(By.cssSelector("#" + listCss + " label"))) {
            WebElement input = browser.driver().findElement(By.id(label.getAttribute("for")));
            boolean wanted = labels.contains(label.getText());
            if ((wanted || exactly) && input.isSelected() != wanted) {
                input.findElement(By.xpath("./ancestor::div[contains(@class,'ui-chkbox')][1]"
                        + "//div[contains(@class,'ui-chkbox-box')]")).click();
            }
        }
    }

    private WebElement ruleRow(String description) {
        return browser.rowWhere("tr.rule", ".description", description)
                .orElseThrow(() -> new AssertionError("no rule " + description));
    }
}
