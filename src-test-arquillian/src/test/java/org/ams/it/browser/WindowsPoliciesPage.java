package org.ams.it.browser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Access Manager Agent / Agent policies / Windows policies, with its policy editor and effective-policy tool. */
public final class WindowsPoliciesPage extends PageObject {

    public static final String PATH = "admin/agent/policies/windows.xhtml";

    public WindowsPoliciesPage(Browser browser) {
        super(browser);
    }

    /** One line of the list, as the administrator reads it. */
    public record Row(String position, String name, String state, String targets, String backup, String interval,
                      String rotation) {
    }

    public List<Row> rows() {
        return browser.table("tr.policy", ".position", ".name", ".state", ".targets", ".backup", ".interval",
                ".rotation").stream().map(cells -> new Row(cells.get(0), cells.get(1), cells.get(2), cells.get(3),
                cells.get(4), cells.get(5), cells.get(6))).collect(Collectors.toList());
    }

    public Optional<Row> row(String name) {
        return rows().stream().filter(row -> row.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return rows().stream().map(Row::name).collect(Collectors.toList());
    }

    /** Add...: opens an empty editor. */
    public Editor add() {
        click(browser.driver().findElement(By.id("policies:add")));
        return new Editor();
    }

    /** The editor that is open (after a save that was refused, say). */
    public Editor editor() {
        return new Editor();
    }

    public Editor edit(String name) {
        click(policyRow(name).findElement(By.cssSelector(".edit-button")));
        return new Editor();
    }

    public void duplicate(String name) {
        click(policyRow(name).findElement(By.cssSelector(".duplicate-button")));
    }

    public void moveUp(String name) {
        click(policyRow(name).findElement(By.cssSelector(".up-button")));
    }

    public void moveDown(String name) {
        click(policyRow(name).findElement(By.cssSelector(".down-button")));
    }

    public void delete(String name) {
        click(policyRow(name).findElement(By.cssSelector(".delete-button")));
        confirm();
    }

    /** The effective-policy tool: the verdict sentence, and per policy considered, its name and why. */
    public Explanation explain(String device) {
        browser.pickSuggestion("effective:device", device, device);
        click(browser.driver().findElement(By.id("effective:show")));
        List<String[]> steps = browser.table("tr.step", ".step-name", ".step-outcome").stream()
                .map(cells -> cells.toArray(String[]::new))
                .collect(Collectors.toList());
        return new Explanation(browser.driver().findElement(By.id("effective:verdict")).getText(), steps);
    }

    public record Explanation(String verdict, List<String[]> steps) {

        public String why(String policy) {
            return steps.stream().filter(step -> step[0].equals(policy)).map(step -> step[1]).findFirst()
                    .orElse("(not considered)");
        }
    }

    /** The policy editor below the list. */
    public final class Editor {

        private Editor() {
            browser.waitUntil(driver -> !driver.findElements(By.id("policy:save")).isEmpty());
        }

        public Editor name(String name) {
            type("policy:name", name);
            return this;
        }

        public Editor description(String description) {
            type("policy:description", description);
            return this;
        }

        public Editor interval(String minutes) {
            type("policy:interval", minutes);
            return this;
        }

        public Editor enabled(boolean on) {
            return check("policy:enabled", on);
        }

        /** The seed guide's "Enable backup of OS drive encryption keys". */
        public Editor backupOsDrive(boolean on) {
            return check("policy:os", on);
        }

        public Editor backupFixedDrives(boolean on) {
            return check("policy:fixed", on);
        }

        public Editor backupRemovableDrives(boolean on) {
            return check("policy:removable", on);
        }

        /** "Rotate a recovery password after it has been shown". */
        public Editor rotateShown(boolean on) {
            return check("policy:rotateDisclosed", on);
        }

        public boolean rotatesShown() {
            return browser.driver().findElement(By.cssSelector("#policy\\:rotateDisclosed input")).isSelected();
        }

        /** "Rotate every recovery password older than ... days"; empty for never. */
        public Editor rotateAfterDays(String days) {
            type("policy:rotateAfterDays", days);
            return this;
        }

        public String rotateAfterDays() {
            return browser.driver().findElement(By.id("policy:rotateAfterDays")).getAttribute("value");
        }

        /** Types part of the name, picks the suggestion read so, and adds it. */
        public Editor addTarget(String typed, String suggestion) {
            browser.pickSuggestion("policy:target", typed, suggestion);
            click(browser.driver().findElement(By.id("policy:addTarget")));
            return this;
        }

        public Editor removeTarget(String target) {
            WebElement row = browser.rowWhere("tr.target", ".target-name", target).orElseThrow();
            click(row.findElement(By.cssSelector(".remove-target-button")));
            return this;
        }

        public List<String> targets() {
            return browser.table("tr.target", ".target-name").stream().map(cells -> cells.get(0))
                    .collect(Collectors.toList());
        }

        public String labelOf(String checkboxId) {
            return browser.driver().findElement(By.cssSelector("#" + checkboxId.replace(":", "\\:")
                    + " .ui-chkbox-label")).getText();
        }

        public WindowsPoliciesPage save() {
            click(browser.driver().findElement(By.id("policy:save")));
            return WindowsPoliciesPage.this;
        }

        public boolean isOpen() {
            return !browser.driver().findElements(By.id("policy:save")).isEmpty();
        }

        private Editor check(String id, boolean on) {
            String css = "#" + id.replace(":", "\\:");
            boolean checked = browser.driver().findElement(By.cssSelector(css + " input")).isSelected();
            if (checked != on) {
                browser.driver().findElement(By.cssSelector(css + " .ui-chkbox-box")).click();
            }
            return this;
        }
    }

    private WebElement policyRow(String name) {
        return browser.rowWhere("tr.policy", ".name", name).orElseThrow();
    }
}
