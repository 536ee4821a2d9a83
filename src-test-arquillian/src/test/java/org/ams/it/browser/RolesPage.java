package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code admin/settings/roles.xhtml}: who holds which role, and the principal picker. */
public class RolesPage {

    private Browser browser;

    @FindBy(id = "picker:search")
    private WebElement search;

    @FindBy(id = "picker:find")
    private WebElement find;

    public RolesPage on(Browser current) {
        this.browser = current;
        return this;
    }

    /** Searches users and groups of every source; returns what the picker lists, as "Name (Kind, Source)". */
    public List<String> search(String text) {
        Browser.fill(browser.driver(), search, text);
        find.click();
        browser.waitForPage();
        return browser.driver().findElements(By.cssSelector("#picker\\:found tbody tr")).stream()
                .filter(row -> !row.findElements(By.cssSelector(".found-name")).isEmpty())
                .map(row -> {
                    List<WebElement> cells = row.findElements(By.tagName("td"));
                    return cells.get(0).getText() + " (" + cells.get(1).getText() + ", " + cells.get(2).getText()
                            + ")";
                })
                .collect(Collectors.toList());
    }

    /** Grants the chosen role to the found principal shown as {@code name}. */
    public void grant(String role, String name) {
        ((JavascriptExecutor) browser.driver()).executeScript("PF('roleMenu').selectValue(arguments[0]);", role);
        WebElement row = browser.driver().findElements(By.cssSelector("#picker\\:found tbody tr")).stream()
                .filter(candidate -> candidate.findElements(By.cssSelector(".found-name")).stream()
                        .anyMatch(cell -> cell.getText().equals(name)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the picker did not list " + name));
        row.findElement(By.cssSelector("button")).click();
        browser.waitForPage();
    }

    /** The sources the last search could not ask, in the page's words. */
    public List<String> searchProblems() {
        return browser.driver().findElements(By.cssSelector(".search-problem")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    /** Presses Revoke on the grant shown as "Role: Holder". */
    public void revoke(String grant) {
        WebElement row = browser.driver().findElements(By.cssSelector("#grants\\:table tbody tr")).stream()
                .filter(candidate -> !candidate.findElements(By.cssSelector(".grant-role")).isEmpty())
                .filter(candidate -> (candidate.findElement(By.cssSelector(".grant-role")).getText() + ": "
                        + candidate.findElement(By.cssSelector(".grant-holder")).getText()).equals(grant))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no grant " + grant));
        row.findElement(By.cssSelector("button")).click();
        browser.waitForPage();
    }

    public String errorText() {
        List<WebElement> errors = browser.driver().findElements(By.cssSelector(".ui-messages-error"));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    /** Every grant, as "Role: Holder". */
    public List<String> grants() {
        return browser.driver().findElements(By.cssSelector("#grants\\:table tbody tr")).stream()
                .filter(row -> !row.findElements(By.cssSelector(".grant-role")).isEmpty())
                .map(row -> row.findElement(By.cssSelector(".grant-role")).getText() + ": "
                        + row.findElement(By.cssSelector(".grant-holder")).getText())
                .collect(Collectors.toList());
    }
}
