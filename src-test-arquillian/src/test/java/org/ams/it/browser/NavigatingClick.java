package org.ams.it.browser;

import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * A click that submits a form and loads a new page. ChromeDriver sometimes reports "Node with given id does not
 * belong to the document" for such a click: the click happened and the browser has already left the page the
 * node was in. That report is not a failure; the caller's wait for the next page decides.
 */
public final class NavigatingClick {

    private NavigatingClick() {
    }

    public static void click(WebElement element) {
        try {
            element.click();
        } catch (WebDriverException e) {
            if (!String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                throw e;
            }
        }
    }
}
