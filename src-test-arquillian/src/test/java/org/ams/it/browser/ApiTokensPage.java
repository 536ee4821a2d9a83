package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** {@code admin/settings/api-tokens.xhtml}: the tokens, issuing one, the dialog that shows its secret, revoking. */
public class ApiTokensPage {

    public static final String PATH = "admin/settings/api-tokens.xhtml";

    private final Browser browser;

    public ApiTokensPage(Browser browser) {
        this.browser = browser;
        browser.waitForPage();
    }

    /** A row of the list, as the page shows it. */
    public record Row(String owner, String hint, String scopes, String note, String expires, String lastUsed,
                      String state) {
    }

    public String heading() {
        return browser.driver().findElement(By.tagName("h1")).getText();
    }

    public List<Row> tokens() {
        return rows().stream().map(row -> new Row(text(row, ".owner"), text(row, ".hint"), text(row, ".scopes"),
                text(row, ".note"), text(row, ".expires"), text(row, ".last-used"), text(row, ".state")))
                .collect(Collectors.toList());
    }

    /** Searches users with the picker and chooses the one shown as {@code user}. */
    public void chooseOwner(String search, String user) {
        WebElement field = browser.driver().findElement(By.id("create:search"));
        Browser.fill(browser.driver(), field, search);
        browser.clickWhenReady(By.id("create:find"));
        browser.waitForPage();
        WebElement row = browser.driver().findElements(By.cssSelector("#create\\:found tbody tr")).stream()
                .filter(candidate -> candidate.findElements(By.cssSelector(".found-name")).stream()
                        .anyMatch(cell -> cell.getText().equals(user)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the picker did not list " + user));
        row.findElement(By.cssSelector("button")).click();
        browser.waitForPage();
    }

    public String chosenOwner() {
        return browser.driver().findElement(By.id("create:owner")).getText();
    }

    /** Ticks exactly these scopes, by label. */
    public void scopes(String... labels) {
        List<String> wanted = List.of(labels);
        for (WebElement box : browser.driver().findElements(By.cssSelector("#create\\:scopes .ui-chkbox"))) {
            WebElement input = box.findElement(By.cssSelector("input"));
            String label = browser.driver().findElement(By.cssSelector("label[for='" + input.getAttribute("id")
                    + "']")).getText();
            boolean ticked = box.findElement(By.cssSelector(".ui-chkbox-box")).getAttribute("class")
                    .contains("ui-state-active");
            if (ticked != wanted.contains(label)) {
                box.findElement(By.cssSelector(".ui-chkbox-box")).click();
            }
        }
    }

    public void note(String text) {
        WebElement field = browser.driver().findElement(By.id("create:note"));
        Browser.fill(browser.driver(), field, text);
    }

    public void issue() {
        browser.clickWhenReady(By.id("create:issue"));
        browser.waitForPage();
    }

    /** The secret the dialog shows after issuing; fails when no dialog shows. */
    public String shownSecret() {
        browser.waitUntil(driver -> !errorText().isEmpty() || !driver.findElements(By.id("created:createdDialog"))
                .isEmpty() && driver.findElement(By.id("created:createdDialog")).isDisplayed());
        if (!errorText().isEmpty()) {
            throw new AssertionError("the page refused the token: " + errorText());
        }
        return browser.driver().findElement(By.id("created:secret")).getText();
    }

    public String dialogText() {
        return browser.driver().findElement(By.id("created:createdDialog")).getText();
    }

    /** Closes the dialog with "I have copied it". */
    public void copied() {
        browser.clickWhenReady(By.id("created:done"));
        browser.waitForPage();
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("created:createdDialog")));
    }

    /** Revokes the token whose note is {@code note}, answering Yes to the question. */
    public void revoke(String note) {
        WebElement row = rows().stream().filter(candidate -> text(candidate, ".note").equals(note)).findFirst()
                .orElseThrow(() -> new AssertionError("no token noted " + note));
        row.findElement(By.cssSelector(".revoke-button")).click();
        browser.clickWhenReady(By.id("tokens:confirmYes"));
        browser.waitForPage();
    }

    public String errorText() {
        List<WebElement> errors = browser.driver().findElements(By.cssSelector(".ui-messages-error"));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    public String source() {
        return browser.driver().getPageSource();
    }

    private List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#tokens\\:table tbody tr.api-token"));
    }

    private static String text(WebElement row, String css) {
        List<WebElement> found = row.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }
}
