package org.ams.it.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A click that submits the page's form and returns once the browser has left that page: the click itself returns as
 * soon as the form is sent, and whatever the caller does before the answer arrives (reading the old page, opening
 * another) races with it.
 */
final class SubmittedPage {

    private static final Duration ANSWER = Duration.ofSeconds(60);
    // Selenium's default re-checks every 500 ms; a sign-in answered in 100 ms would wait out the rest at every submit.
    private static final Duration POLL = Duration.ofMillis(40);

    private SubmittedPage() {
    }

    static void submit(WebDriver driver, WebElement button) {
        WebElement sent = driver.findElement(By.tagName("html"));
        NavigatingClick.click(button);
        new WebDriverWait(driver, ANSWER, POLL).until(done -> left(sent));
    }

    /**
     * Whether the element's page is gone. ChromeDriver says so either as a stale element or, while the next page is
     * loading, as "does not belong to the document" (see {@link NavigatingClick}).
     */
    private static boolean left(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }
}
