package org.ams.it.browser;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code /admin/dashboard.xhtml}: the coverage tiles, rotations waiting and failed, the escrow check, keys escrowed per
 * day, recent denials, devices without keys.
 */
public final class DashboardPage extends PageObject {

    public static final String PATH = "admin/dashboard.xhtml";

    public DashboardPage(Browser browser) {
        super(browser);
    }

    /** One day of the keys-escrowed table, as shown ("Mon 2026-03-02"). */
    public record EscrowDay(String day, long keys) {
    }

    public record Denial(String time, String user, String computer, String resultCode) {
    }

    public record DeviceWithoutKey(String name, String directory, String registered, String lastCheckIn) {
    }

    /** A row of "Rotations waiting for their device". */
    public record WaitingRotation(String computer, String protector, String cause, String requested, String age) {
    }

    /** A row of "Failed rotations". */
    public record FailedRotation(String computer, String protector, String step, String reason, String failedAt) {
    }

    public String heading() {
        return browser.driver().findElement(By.cssSelector("main h1")).getText();
    }

    /** The number a tile shows, by the element id of its number (e.g. {@code devices-without-keys}). */
    public long tile(String id) {
        return Long.parseLong(browser.driver().findElement(By.id(id)).getText().strip());
    }

    public String text(String id) {
        return browser.driver().findElement(By.id(id)).getText().strip();
    }

    /**
     * Presses "Check every stored password now" (a full page submit) and returns the sentence the answer shows
     * under it.
     */
    public String checkNow() {
        SubmittedPage.submit(browser.driver(), browser.driver().findElement(By.id("escrowCheck:checkNow")));
        browser.waitForPage();
        return text("escrowCheck:checkOutcome");
    }

    /** Presses the "N days" choice of "Not checked in for"; the stale tile is updated in place. */
    public void staleAfter(int days) {
        click(browser.driver().findElement(By.xpath("//*[@id='staleness:days']//label[normalize-space(.)='"
                + days + " days']")));
    }

    public List<EscrowDay> escrowDays() {
        return browser.table("#escrow-days tr.escrow-day", ".day", ".keys").stream()
                .map(cells -> new EscrowDay(cells.get(0), Long.parseLong(cells.get(1)))).toList();
    }

    public List<Denial> denials() {
        return browser.table("tr.denied-request", ".time", ".user", ".computer", ".result-code").stream()
                .map(cells -> new Denial(cells.get(0), cells.get(1), cells.get(2), cells.get(3))).toList();
    }

    public List<WaitingRotation> waitingRotations() {
        return browser.table("tr.waiting-rotation", ".computer", ".protector", ".cause", ".requested", ".age")
                .stream().map(cells -> new WaitingRotation(cells.get(0), cells.get(1), cells.get(2), cells.get(3),
                        cells.get(4))).toList();
    }

    public List<FailedRotation> failedRotations() {
        return browser.table("tr.failed-rotation", ".computer", ".protector", ".step", ".reason", ".failed-at")
                .stream().map(cells -> new FailedRotation(cells.get(0), cells.get(1), cells.get(2), cells.get(3),
                        cells.get(4))).toList();
    }

    public List<DeviceWithoutKey> devicesWithoutKeys() {
        return browser.table("tr.uncovered-device", ".name", ".directory", ".registered", ".last-check-in").stream()
                .map(cells -> new DeviceWithoutKey(cells.get(0), cells.get(1), cells.get(2), cells.get(3))).toList();
    }

    /** What the table says when every approved device has a key, or "" while it lists devices. */
    public String devicesWithoutKeysEmptyMessage() {
        List<WebElement> empty = browser.driver().findElements(
                By.cssSelector("#uncovered\\:devices .ui-datatable-empty-message"));
        return empty.isEmpty() ? "" : empty.get(0).getText();
    }

    /**
     * The rows of every page of the table, turning its pages with the paginator as a user would; the table is left
     * on its last page.
     */
    public List<DeviceWithoutKey> devicesWithoutKeysOnEveryPage() {
        List<DeviceWithoutKey> all = new ArrayList<>(devicesWithoutKeys());
        while (nextPage()) {
            all.addAll(devicesWithoutKeys());
        }
        return all;
    }

    /** The total the paginator reports ("N devices"), or the rows shown when the table fits on one page. */
    public long devicesWithoutKeysTotal() {
        List<WebElement> report = browser.driver().findElements(
                By.cssSelector("#uncovered\\:devices .ui-paginator-current"));
        return report.isEmpty() ? rowsWithoutKeys().size()
                : Long.parseLong(report.get(0).getText().replace("devices", "").strip());
    }

    /** Follows a device's name to the Devices page, from whichever page of the table lists it. */
    public DevicesPage openDevice(String name) {
        WebElement link = rowWithoutKey(name).findElement(By.cssSelector("a.device-link"));
        browser.driver().get(link.getAttribute("href"));
        return new DevicesPage(browser);
    }

    private WebElement rowWithoutKey(String name) {
        do {
            var row = browser.rowWhere("tr.uncovered-device", ".name", name);
            if (row.isPresent()) {
                return row.get();
            }
        } while (nextPage());
        throw new AssertionError("no device " + name + " without keys");
    }

    /** Turns to the next page of the devices without a key; false on the last page. */
    private boolean nextPage() {
        List<WebElement> next = browser.driver().findElements(By.cssSelector("#uncovered\\:devices .ui-paginator-next"));
        if (next.isEmpty() || next.get(0).getAttribute("class").contains("ui-state-disabled")) {
            return false;
        }
        String first = rowsWithoutKeys().isEmpty() ? "" : cell(rowsWithoutKeys().get(0), "name");
        click(next.get(0));
        browser.waitUntil(driver -> rowsWithoutKeys().isEmpty() || !cell(rowsWithoutKeys().get(0), "name").equals(first));
        return true;
    }

    private List<WebElement> rowsWithoutKeys() {
        return browser.driver().findElements(By.cssSelector("tr.uncovered-device"));
    }
}
