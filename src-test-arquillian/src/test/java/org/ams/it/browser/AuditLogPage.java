package org.ams.it.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** {@code /audit/log.xhtml}: the audit records, their filters, exports and the integrity verification. */
public final class AuditLogPage {

    public static final String PATH = "audit/log.xhtml";

    private final Browser browser;

    public AuditLogPage(Browser browser) {
        this.browser = browser;
        browser.waitForPage();
    }

    /** One record as the table shows it. */
    public record Row(long sequence, String actor, String action, String targetName, String resultCode) {
    }

    public String heading() {
        return browser.driver().findElement(By.cssSelector("main h1")).getText();
    }

    /** The rows of the table's current page, top to bottom. */
    public List<Row> rows() {
        return browser.table("tr.audit-record", ".sequence", ".actor", ".action", ".target-name", ".result-code")
                .stream().map(cells -> new Row(Long.parseLong(cells.get(0)), cells.get(1), cells.get(2), cells.get(3),
                        cells.get(4))).toList();
    }

    public String emptyMessage() {
        List<WebElement> empty = browser.driver().findElements(By.cssSelector("#audit\\:records .ui-datatable-empty-message"));
        return empty.isEmpty() ? "" : empty.get(0).getText();
    }

    /** Types the user and computer criteria ({@code null} leaves a field empty) and applies the filter. */
    public void filter(String user, String computer) {
        browser.fill("audit:actor", user);
        browser.fill("audit:target", computer);
        click(By.id("audit:apply"));
    }

    /** Presses "Verify integrity" and returns what the page says. */
    public String verify() {
        click(By.id("audit:verify"));
        return browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("audit:verification")))
                .getText();
    }

    /** Presses "Export CSV"; the page stays and the file arrives in the download directory. */
    public void exportCsv() {
        click(By.id("audit:exportCsv"));
    }

    public void exportJsonLines() {
        click(By.id("audit:exportJsonl"));
    }

    private void click(By by) {
        browser.waitUntil(ExpectedConditions.elementToBeClickable(by)).click();
        browser.waitForPage();
    }
}
