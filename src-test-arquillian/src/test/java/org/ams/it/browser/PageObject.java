package org.ams.it.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** What every page object of the console does the same way: messages, typing, Ajax clicks, menus, table cells. */
abstract class PageObject {

    protected final Browser browser;

    protected PageObject(Browser browser) {
        this.browser = browser;
        browser.waitForPage();
    }

    /** The first error message the page shows, or "" when there is none. */
    public String errorText() {
        return firstMessage(".ui-messages-error");
    }

    public String infoText() {
        return firstMessage(".ui-messages-info");
    }

    private String firstMessage(String css) {
        List<WebElement> messages = browser.driver().findElements(By.cssSelector(css));
        return messages.isEmpty() ? "" : messages.get(0).getText();
    }

    /** Replaces a text field's content ({@code null} leaves it empty). */
    protected void type(String id, String text) {
        browser.fill(id, text);
    }

    /** An Ajax click: waits until PrimeFaces has applied the answer. */
    protected void click(WebElement element) {
        browser.clickWhenReady(element);
        browser.waitForPage();
    }

    /** Answers "Yes" in the page's confirmation dialog. */
    protected void confirm() {
        browser.waitUntil(driver -> driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).isDisplayed());
        browser.waitForPage();
        browser.clickWhenReady(By.cssSelector(".ui-confirmdialog-yes"));
        browser.waitForPage();
    }

    /** Chooses the option shown as {@code label} in a PrimeFaces select menu, as a user's pick would. */
    protected void selectByLabel(String menuId, String label) {
        Select select = new Select(browser.driver().findElement(By.id(menuId + "_input")));
        String value = select.getOptions().stream().filter(o -> o.getAttribute("textContent").equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no option " + label + " in " + menuId))
                .getAttribute("value");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "var select = document.getElementById(arguments[0]); select.value = arguments[1];"
                        + "select.dispatchEvent(new Event('change'));", menuId + "_input", value);
        browser.waitForPage();
    }

    /** The text of the element with this CSS class inside a table row. */
    protected static String cell(WebElement row, String cssClass) {
        return row.findElement(By.cssSelector("." + cssClass)).getText();
    }
}
