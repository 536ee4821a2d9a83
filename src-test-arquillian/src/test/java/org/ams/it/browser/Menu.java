package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The console's menu bar, as page objects of every page see it. */
public final class Menu {

    private final Browser browser;

    public Menu(Browser browser) {
        this.browser = browser;
    }

    /** Every page the menu offers, by title, including those inside closed sections. */
    public List<String> entries() {
        return links().stream().map(link -> link.getAttribute("textContent").strip())
                .filter(text -> !text.isEmpty()).collect(Collectors.toList());
    }

    /** Follows the menu entry with this title and waits for the page. */
    public void open(String title) {
        WebElement link = links().stream()
                .filter(candidate -> title.equals(candidate.getAttribute("textContent").strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no menu entry '" + title + "' in " + entries()));
        browser.driver().get(link.getAttribute("href"));
        browser.waitForPage();
    }

    private List<WebElement> links() {
        return driver().findElements(By.cssSelector("#navigation\\:menu a[href]"));
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
