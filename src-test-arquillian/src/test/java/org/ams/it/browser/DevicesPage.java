package org.ams.it.browser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Access Manager Agent / Devices. */
public final class DevicesPage extends PageObject {

    public static final String PATH = "admin/agent/devices.xhtml";

    public DevicesPage(Browser browser) {
        super(browser);
    }

    public record Row(String name, String dnsName, String os, String agentVersion, String directory, String groups,
                      String state, String lastCheckIn, int keys) {
    }

    public List<Row> rows() {
        return browser.table("tr.device", ".name", ".dns-name", ".os", ".agent-version", ".directory", ".groups",
                ".state", ".last-check-in", ".keys").stream().map(cells -> new Row(cells.get(0), cells.get(1),
                cells.get(2), cells.get(3), cells.get(4), cells.get(5), cells.get(6), cells.get(7),
                Integer.parseInt(cells.get(8)))).collect(Collectors.toList());
    }

    public Optional<Row> row(String name) {
        return rows().stream().filter(row -> row.name().equals(name)).findFirst();
    }

    /**
     * Types into the Name column's filter and waits until the table shows only devices whose name contains the text,
     * as an administrator would on a server with more devices than one page holds.
     */
    public DevicesPage filterByName(String text) {
        WebElement field = browser.driver().findElements(By.cssSelector("#devices\\:table thead .ui-column-filter"))
                .get(0);
        field.clear();
        field.sendKeys(text);
        browser.waitUntil(driver -> {
            try {
                return rows().stream().allMatch(row -> row.name().toLowerCase().contains(text.toLowerCase()))
                        ? Boolean.TRUE : null;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return null;
            }
        });
        browser.waitForPage();
        return this;
    }

    public void approve(String name) {
        act(name, "approve-button", false);
    }

    public void reject(String name) {
        act(name, "reject-button", false);
    }

    public void disable(String name) {
        act(name, "disable-button", false);
    }

    public void enable(String name) {
        act(name, "enable-button", false);
    }

    public void delete(String name) {
        act(name, "delete-button", true);
    }

    public void purge(String name) {
        act(name, "purge-button", true);
    }

    /**
     * Rotate now for a device: answers the confirmation and returns its question.
     */
    public String rotate(String name) {
        rowElement(name).findElement(By.cssSelector(".rotate-button")).click();
        browser.waitForPage();
        String question = confirmationQuestion();
        confirm();
        return question;
    }

    /** Opens the device's keys dialog. */
    public KeysDialog keys(String name) {
        click(rowElement(name).findElement(By.cssSelector(".keys-button")));
        browser.waitUntil(driver -> driver.findElement(By.id("keysDialog")).isDisplayed());
        browser.waitForPage();
        return new KeysDialog();
    }

    /** Opens the device's users dialog. */
    public UsersDialog users(String name) {
        click(rowElement(name).findElement(By.cssSelector(".users-button")));
        browser.waitUntil(driver -> driver.findElement(By.id("usersDialog")).isDisplayed());
        browser.waitForPage();
        return new UsersDialog();
    }

    /** Who signed in on one computer, as its agent reported them, and its primary user. */
    public final class UsersDialog {

        public List<String> signedIn() {
            return browser.driver().findElements(By.cssSelector("#usersDialog .signed-in-user")).stream()
                    .map(WebElement::getText).map(String::strip).toList();
        }

        public String primaryUser() {
            return browser.driver().findElement(By.id("users:primary")).getAttribute("value");
        }

        /** Types the primary user and saves; returns what the dialog says. */
        public String setPrimaryUser(String user) {
            type("users:primary", user);
            click(browser.driver().findElement(By.id("users:savePrimary")));
            return browser.driver().findElements(By.cssSelector("#users\\:userMessages li")).stream()
                    .map(WebElement::getText).findFirst().orElse("");
        }

        public void close() {
            browser.clickWhenReady(By.cssSelector("#usersDialog .ui-dialog-titlebar-close"));
            browser.waitUntil(driver -> !driver.findElement(By.id("usersDialog")).isDisplayed());
            browser.waitForPage();
        }
    }

    /** Incident response for a user: types the name, asks, and returns the confirmation's question, still open. */
    public String askRotationShownTo(String user) {
        type("shownTo:user", user);
        clickRotateShownTo();
        return incidentQuestion();
    }

    /** The first step's button for a user, whatever the field holds. */
    public void clickRotateShownTo() {
        click(browser.driver().findElement(By.id("shownTo:rotateShownTo")));
    }

    /** Incident response for a device group, chosen by its label (tenant / group). */
    public String askRotationOfGroup(String label) {
        chooseGroup(label);
        click(browser.driver().findElement(By.id("ofGroup:rotateGroup")));
        return incidentQuestion();
    }

    public void chooseGroup(String label) {
        selectByLabel("ofGroup:group", label);
    }

    /** The label of the device group chosen for incident response. */
    public String chosenGroup() {
        return new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("ofGroup:group_input")))
                .getFirstSelectedOption().getAttribute("textContent");
    }

    /** The user name in the incident response field. */
    public String typedUser() {
        return browser.driver().findElement(By.id("shownTo:user")).getAttribute("value");
    }

    public void typeUser(String user) {
        type("shownTo:user", user);
    }

    /** Answers Yes in the incident response confirmation. */
    public void confirmIncident() {
        browser.clickWhenReady(By.id("incidentConfirmation:yes"));
        browser.waitForPage();
        browser.waitUntil(driver -> !driver.findElement(By.id("incidentConfirmation:incidentConfirm")).isDisplayed());
    }

    private String incidentQuestion() {
        By dialog = By.id("incidentConfirmation:incidentConfirm");
        browser.waitUntil(driver -> driver.findElement(dialog).isDisplayed());
        browser.waitForPage();
        return browser.driver().findElement(dialog).findElement(By.cssSelector(".ui-confirm-dialog-message"))
                .getText();
    }

    /** The question of the page's shared confirmation dialog, once it is shown. */
    private String confirmationQuestion() {
        By message = By.cssSelector(".ui-confirm-dialog-message");
        browser.waitUntil(driver -> driver.findElements(message).stream().anyMatch(WebElement::isDisplayed));
        return browser.driver().findElements(message).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow().getText();
    }

    /** One computer's escrowed keys, in the dialog opened from its row. */
    public final class KeysDialog {

        /**
         * One key's row; {@code history} is why a history key is history ("" for a current key), {@code onDevice}
         * whether the device still reports a current key ("" for history), {@code verified} what the escrow
         * verification found.
         */
        public record Key(String drive, String keyId, String protectorId, String escrowed, String state,
                          String history, String shown, String rotation, boolean rotatable, String onDevice,
                          String verified) {
        }

        public String deviceName() {
            return browser.driver().findElement(By.id("keys:device-name")).getText();
        }

        /** The protector ids the dialog names as on the device but not escrowed. */
        public List<String> notEscrowed() {
            return browser.driver().findElements(By.cssSelector("#keys\\:not-escrowed .not-escrowed-id")).stream()
                    .map(WebElement::getText).map(String::strip).toList();
        }

        public List<Key> keys() {
            return browser.table("#keys\\:table tr.escrowed-key", ".drive", ".key-id", ".protector-id", ".escrowed",
                            ".key-state", ".history-note", ".shown", ".rotation", "?.rotate-key-button", ".on-device",
                            ".verified").stream()
                    .map(cells -> new Key(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4),
                            cells.get(5), cells.get(6), cells.get(7), Boolean.parseBoolean(cells.get(8)), cells.get(9),
                            cells.get(10)))
                    .collect(Collectors.toList());
        }

        public Key key(String keyId) {
            return keys().stream().filter(key -> key.keyId().equals(keyId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no key " + keyId + " in " + keys()));
        }

        /** Rotate now for one key: answers the confirmation and returns its question. */
        public String rotate(String keyId) {
            browser.rowWhere("#keys\\:table tr.escrowed-key", ".key-id", keyId).orElseThrow()
                    .findElement(By.cssSelector(".rotate-key-button")).click();
            browser.waitForPage();
            String question = confirmationQuestion();
            confirm();
            return question;
        }

        /** The dialog's whole text and markup, to look for what must not be there. */
        public String source() {
            return browser.driver().findElement(By.id("keysDialog")).getAttribute("outerHTML");
        }

        public void close() {
            browser.clickWhenReady(By.cssSelector("#keysDialog .ui-dialog-titlebar-close"));
            browser.waitUntil(driver -> !driver.findElement(By.id("keysDialog")).isDisplayed());
            browser.waitForPage();
        }
    }

    /** Switches the list to the deleted devices (or back). */
    public void toggleDeleted() {
        browser.driver().findElement(By.cssSelector("#devices\\:showDeleted .ui-chkbox-box")).click();
        browser.waitForPage();
    }

    /** The Import section's preview: its counts, and its bad rows by line and reason. */
    public record ImportPreview(String fileName, String tenant, int rows, int newKeys, int unchanged,
                                int computersToCreate, int badRowCount, List<List<String>> badRows) {
    }

    /**
     * Chooses the tenant and the CSV file in the Import section and presses Preview (a full page request, answered by
     * the page again).
     */
    public ImportPreview previewImport(String tenant, java.nio.file.Path file) {
        selectByLabel("keyFile:tenant", tenant);
        browser.driver().findElement(By.cssSelector("form#keyFile input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        reloadedBy(By.id("keyFile:preview"));
        return importPreview().orElse(null);
    }

    public Optional<ImportPreview> importPreview() {
        if (browser.driver().findElements(By.id("keyFilePreview")).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ImportPreview(text("keyFilePreview:fileName"), text("keyFilePreview:tenantName"),
                number("keyFilePreview:rows"), number("keyFilePreview:newKeys"), number("keyFilePreview:unchanged"),
                number("keyFilePreview:computersToCreate"), number("keyFilePreview:badRows"),
                browser.table("tr.bad-row", ".line", ".reason")));
    }

    /** Import (every row; refused by the server when a row is bad). */
    public void importAll() {
        reloadedBy(By.id("keyFilePreview:importAll"));
    }

    public void importValidRows() {
        reloadedBy(By.id("keyFilePreview:importValid"));
    }

    private void reloadedBy(By button) {
        WebElement current = browser.driver().findElement(By.tagName("html"));
        NavigatingClick.click(browser.driver().findElement(button));
        browser.waitUntilGone(current);
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private int number(String id) {
        return Integer.parseInt(text(id));
    }

    private void act(String name, String button, boolean confirm) {
        rowElement(name).findElement(By.cssSelector("." + button)).click();
        browser.waitForPage();
        if (confirm) {
            confirm();
        }
    }

    private WebElement rowElement(String name) {
        return browser.rowWhere("tr.device", ".name", name)
                .orElseThrow(() -> new AssertionError("no device " + name + " on the page"));
    }
}
