package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** {@code /recover}: self-service recovery by key ID. */
public final class RecoverPage extends PageObject {

    public static final String PATH = "recover";

    public RecoverPage(Browser browser) {
        super(browser);
    }

    public String signedInUser() {
        return browser.driver().findElement(By.id("signed-in-user")).getText();
    }

    /** Types the key ID, chooses the reason by its label, and presses Show recovery password (a full POST). */
    public RecoverPage recover(String keyId, String reason) {
        type("recover:keyId", keyId);
        new Select(browser.driver().findElement(By.id("recover:reason"))).selectByVisibleText(reason);
        WebElement show = browser.driver().findElement(By.id("recover:show"));
        SubmittedPage.submit(browser.driver(), show);
        return new RecoverPage(browser);
    }

    /** The recovery password's eight groups as displayed. */
    public List<String> groups() {
        return browser.driver().findElements(By.cssSelector(".ams-recover-key .ams-password .ams-group")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
    }

    public String shownKeyId() {
        return text(".ams-recover-key .key-id");
    }

    public String computer() {
        return text(".ams-recover-key .computer");
    }

    /** Shows the digit-by-digit reading and returns its lines. */
    public List<String> readOut() {
        browser.clickWhenReady(By.cssSelector(".ams-recover-key .ams-speak"));
        browser.waitUntil(driver -> driver.findElement(By.cssSelector(".ams-recover-key .ams-spoken")).isDisplayed());
        return browser.driver().findElements(By.cssSelector(".ams-recover-key .ams-spoken-group")).stream()
                .map(WebElement::getText).map(String::strip).collect(Collectors.toList());
    }

    public String refusal() {
        return text("#refusal .refusal-text");
    }

    public String rotationNote() {
        return text(".ams-recover-key .rotation-note");
    }

    /** Whether the page offers anything of the console: its menu or links to other pages. */
    public boolean showsConsole() {
        return !browser.driver().findElements(By.cssSelector(".ams-menu, nav, a[href*='admin'], a[href*='helpdesk']"))
                .isEmpty();
    }

    public String source() {
        return browser.driver().getPageSource();
    }

    private String text(String css) {
        List<WebElement> found = browser.driver().findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText().strip();
    }
}
