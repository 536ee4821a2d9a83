package org.ams.it.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** {@code /admin/agent/password-settings.xhtml}: the encryption certificates and their dialogs. */
public final class PasswordSettingsPage {

    private final Browser browser;

    public PasswordSettingsPage(Browser browser) {
        this.browser = browser;
        browser.waitForPage();
    }

    /** One certificate as the table shows it. */
    public record Row(String subject, String thumbprint, String key, String storage, String state,
                      boolean backupRequired, boolean backupOffered, String noBackup, int secrets, boolean activatable,
                      boolean deletable) {
    }

    public String heading() {
        return browser.driver().findElement(By.cssSelector("main h1")).getText();
    }

    /** What the page manages, under its heading. */
    public String subtitle() {
        return browser.driver().findElement(By.cssSelector("main h2.ams-subtitle")).getText();
    }

    public boolean showsNoCertificateNotice() {
        return !browser.driver().findElements(By.id("certificates:no-certificate")).isEmpty();
    }

    /**
     * The table as it is now. While a re-encryption runs, the page polls and replaces the table every second; a read
     * that straddles a replacement is simply done again on the new table.
     */
    public List<Row> rows() {
        for (int attempt = 1; ; attempt++) {
            try {
                return readRows();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 20) {
                    throw replaced;
                }
                browser.waitForPage();
            }
        }
    }

    private List<Row> readRows() {
        return browser.table("tr.certificate", ".subject", ".thumbprint", ".key", ".storage", ".state",
                "?.backup-required", "?.backup-button", ".no-backup", ".secrets", "+.activate-button",
                "+.delete-button").stream().map(cells -> new Row(cells.get(0), cells.get(1), cells.get(2),
                cells.get(3), cells.get(4), Boolean.parseBoolean(cells.get(5)), Boolean.parseBoolean(cells.get(6)),
                cells.get(7), Integer.parseInt(cells.get(8)), Boolean.parseBoolean(cells.get(9)),
                Boolean.parseBoolean(cells.get(10)))).toList();
    }

    public Optional<Row> row(String thumbprint) {
        return rows().stream().filter(row -> row.thumbprint().equals(thumbprint)).findFirst();
    }

    /** Presses "Generate new...", keeps the suggested settings but the name, and generates. */
    public void generate(String name) {
        click(By.id("certificates:generate"));
        WebElement commonName = visible(By.id("generate:commonName"));
        Browser.fill(browser.driver(), commonName, name);
        click(By.id("generate:create"));
    }

    /**
     * Presses "Generate new...", picks the key size shown as {@code keyBits} (e.g. "2048 bits") for a key kept in
     * software, and generates: for tests that need some certificate and not the default's 4096-bit key, whose
     * generation and re-wrapping cost seconds on a loaded machine.
     */
    public void generate(String name, String keyBits) {
        click(By.id("certificates:generate"));
        WebElement commonName = visible(By.id("generate:commonName"));
        Browser.fill(browser.driver(), commonName, name);
        chooseKeyBits(keyBits);
        click(By.id("generate:create"));
    }

    /** Presses "Generate new...", asks for a 2048-bit key kept in the HSM, and generates. */
    public void generateInHsm(String name) {
        click(By.id("certificates:generate"));
        WebElement commonName = visible(By.id("generate:commonName"));
        Browser.fill(browser.driver(), commonName, name);
        chooseKeyBits("2048 bits");
        click(By.cssSelector("label[for='generate:storage:1']"));
        browser.waitUntil(ExpectedConditions.elementSelectionStateToBe(By.id("generate:storage:1"), true));
        click(By.id("generate:create"));
    }

    /** Picks the key size shown as {@code label} in the open "Generate new..." dialog. */
    private void chooseKeyBits(String label) {
        // The menu's panel opens with an animation; a click on an item before it is shown, or while it still moves,
        // is lost: then the item is picked again, opening the panel again if it closed.
        By item = By.cssSelector("#generate\\:keyBits_items li[data-label='" + label + "']");
        for (int attempt = 1; ; attempt++) {
            if (!browser.driver().findElement(By.id("generate:keyBits_panel")).isDisplayed()) {
                click(By.id("generate:keyBits"));
            }
            visible(item).click();
            try {
                browser.waitUntil(ExpectedConditions.textToBe(By.id("generate:keyBits_label"), label),
                        Duration.ofSeconds(5));
                return;
            } catch (TimeoutException lost) {
                if (attempt == 5) {
                    throw lost;
                }
            }
        }
    }

    /** The hint the "Generate new..." dialog shows; closes the dialog again. */
    public String generateDialogHint() {
        click(By.id("certificates:generate"));
        visible(By.id("generate:commonName"));
        String hint = String.join("\n", browser.driver().findElements(By.cssSelector("#generateDialog .ams-hint"))
                .stream().map(WebElement::getText).toList());
        browser.driver().findElement(By.cssSelector("#generateDialog .ui-dialog-titlebar-close")).click();
        return hint;
    }

    public String selectedKeySize() {
        click(By.id("certificates:generate"));
        String label = visible(By.id("generate:keyBits_label")).getText();
        browser.driver().findElement(By.cssSelector("#generateDialog .ui-dialog-titlebar-close")).click();
        return label;
    }

    public boolean backupDialogShown() {
        return browser.driver().findElement(By.id("backup:backupDialog")).isDisplayed();
    }

    public String backupWarning() {
        return visible(By.id("backup-warning")).getText();
    }

    public void openBackup(String thumbprint) {
        clickInRow(thumbprint, ".backup-button");
        visible(By.id("backup:password"));
    }

    private void clickInRow(String thumbprint, String button) {
        for (int attempt = 1; ; attempt++) {
            try {
                rowElement(thumbprint).findElement(By.cssSelector(button)).click();
                browser.waitForPage();
                return;
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 20) {
                    throw replaced;
                }
                browser.waitForPage();
            }
        }
    }

    /**
     * Types the two passwords and presses "Download backup" (a non-Ajax request, like a real file download) for a
     * backup the page is expected to refuse: it answers with the page again, showing why.
     */
    public void downloadBackupRefused(String password, String confirmation) {
        reloadedBy(() -> downloadBackup(password, confirmation));
    }

    /** Types the two passwords and presses "Download backup"; the page stays and the file arrives. */
    public void downloadBackup(String password, String confirmation) {
        WebElement first = visible(By.id("backup:password"));
        Browser.fill(browser.driver(), first, password);
        WebElement second = browser.driver().findElement(By.id("backup:confirmation"));
        Browser.fill(browser.driver(), second, confirmation);
        click(By.id("backup:download"));
    }

    public void activate(String thumbprint) {
        clickInRow(thumbprint, ".activate-button");
    }

    public void delete(String thumbprint) {
        clickInRow(thumbprint, ".delete-button");
        click(By.id("certificates:confirmYes"));
    }

    /** Uploads a file with "Import..."; the upload is a full page request, answered by the page again. */
    public void importPkcs12(Path file, String password) {
        click(By.id("certificates:import"));
        visible(By.id("importPfx:password"));
        browser.driver().findElement(By.cssSelector("form#importPfx input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        Browser.fill(browser.driver(), browser.driver().findElement(By.id("importPfx:password")), password);
        reloadedBy(() -> click(By.id("importPfx:upload")));
    }

    /** Runs an action that submits a non-Ajax request and waits until the browser shows the page it answered with. */
    private void reloadedBy(Runnable action) {
        WebElement current = browser.driver().findElement(By.tagName("html"));
        action.run();
        browser.waitUntilGone(current);
    }

    public void downloadEncryptedSecrets() {
        click(By.id("certificates:exportSecrets"));
    }

    public String rotationStatus() {
        try {
            List<WebElement> status = browser.driver().findElements(By.id("rotation-status"));
            return status.isEmpty() ? "" : status.get(0).getText();
        } catch (StaleElementReferenceException replaced) {
            browser.waitForPage();
            return rotationStatus();
        }
    }

    public String errorText() {
        return messages(".ui-messages-error");
    }

    public String infoText() {
        return messages(".ui-messages-info");
    }

    private String messages(String css) {
        return String.join("\n", browser.driver().findElements(By.cssSelector("#messages " + css)).stream()
                .map(WebElement::getText).toList());
    }

    private WebElement rowElement(String thumbprint) {
        return browser.rowWhere("tr.certificate", ".thumbprint", thumbprint)
                .orElseThrow(() -> new AssertionError("no certificate " + thumbprint + " in " + rows()));
    }

    private void click(By by) {
        NavigatingClick.click(browser.waitUntil(ExpectedConditions.elementToBeClickable(by)));
        browser.waitForPage();
    }

    private WebElement visible(By by) {
        return browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

}
