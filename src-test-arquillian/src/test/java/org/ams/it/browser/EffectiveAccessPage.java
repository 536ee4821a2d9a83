package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Authorization rules / Effective access. */
public final class EffectiveAccessPage extends PageObject {

    public static final String PATH = "admin/authz/effective-access.xhtml";

    public EffectiveAccessPage(Browser browser) {
        super(browser);
    }

    /** One rule the decision considered, as the table shows it. */
    public record Considered(String description, String target, String relation, String status, String entries) {
    }

    public record Answer(String verdict, String groups, List<Considered> rules) {
    }

    public Answer check(String user, String computer, String permissionLabel) {
        type("who:search", user);
        click(browser.driver().findElement(By.id("who:find")));
        WebElement found = browser.rowWhere("tr.found", ".found-name", user)
                .orElseThrow(() -> new AssertionError("no user " + user + ": " + errorText()));
        click(found.findElement(By.cssSelector(".choose-button")));
        browser.pickSuggestion("check:computer", computer, computer);
        selectByLabel("check:permission", permissionLabel);
        click(browser.driver().findElement(By.id("check:run")));
        List<WebElement> verdict = browser.driver().findElements(By.id("check:verdict"));
        if (verdict.isEmpty()) {
            throw new AssertionError("no decision: " + errorText());
        }
        List<Considered> rules = browser.table("tr.considered", ".rule-description", ".rule-target",
                        ".rule-relation", ".rule-status", ".rule-entries").stream()
                .map(cells -> new Considered(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4)))
                .collect(Collectors.toList());
        return new Answer(verdict.get(0).getText(), browser.driver().findElement(By.id("check:groups")).getText(),
                rules);
    }
}
