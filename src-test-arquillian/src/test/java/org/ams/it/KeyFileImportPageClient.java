package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ams.it.browser.AccessibilityCheck;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.DevicesPage.ImportPreview;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Viewport;
import org.openqa.selenium.Dimension;

/**
 * The client side of {@link KeyFileImportIT}: the administrator's browser on the Devices page's Import section. Kept
 * apart from the test class because the test class is also loaded inside the server, where Selenium does not exist.
 */
final class KeyFileImportPageClient {

    private static Browser browser;
    private static URL base;

    private KeyFileImportPageClient() {
    }

    static void start() {
        browser = Browser.shared();
    }

    static void at(URL server) {
        base = server;
    }

    static void importWithABadRow() throws IOException {
        String good = KeyFileImportIT.password();
        String bad = KeyFileImportIT.badChecksum(KeyFileImportIT.password());
        Path file = Files.createTempDirectory(TestEnvironment.work(), "file-import").resolve("page-import.csv");
        Files.writeString(file, KeyFileImportIT.HEADER
                + KeyFileImportIT.PAGE_NEW + "," + KeyFileImportIT.keyId() + "," + good + ",Operating system,\n"
                + "FKI-PAGE-2," + KeyFileImportIT.keyId() + "," + bad + ",,\n", StandardCharsets.UTF_8);
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
        browser.driver().get(base + DevicesPage.PATH);
        DevicesPage page = new DevicesPage(browser);

        ImportPreview preview = page.previewImport(KeyFileImportIT.TENANT, file);

        assertEquals(new ImportPreview("page-import.csv", KeyFileImportIT.TENANT, 2, 1, 0, 1, 1, preview.badRows()),
                preview);
        assertEquals(1, preview.badRows().size());
        assertEquals("3", preview.badRows().get(0).get(0));
        assertTrue(preview.badRows().get(0).get(1).startsWith("the recovery password is not valid: "),
                preview.badRows().get(0).get(1));
        String source = browser.driver().getPageSource();
        assertFalse(source.contains(good.substring(0, 13)) || source.contains(bad.substring(0, 13)),
                "no recovery password on the page");
        layout();

        page.importAll();

        page = new DevicesPage(browser);
        assertEquals("Nothing was imported: 1 row(s) of page-import.csv are bad. Correct them, or choose Import the "
                + "valid rows.", page.errorText());
        assertTrue(page.importPreview().isPresent(), "the preview stays for the next choice");

        page.importValidRows();

        page = new DevicesPage(browser);
        assertEquals("Imported page-import.csv into " + KeyFileImportIT.TENANT + ": 2 row(s): 1 new key(s), 0 "
                + "unchanged, 1 computer(s) created, 1 bad row(s); the bad rows were left out.", page.infoText());
        assertTrue(page.importPreview().isEmpty());
        DevicesPage.Row row = page.filterByName("FKI-PAGE-").row(KeyFileImportIT.PAGE_NEW).orElseThrow();
        assertEquals("IMPORTED, NO AGENT", row.state());
        assertEquals(KeyFileImportIT.TENANT + " / File import", row.directory());
        assertEquals(1, row.keys());
        assertEquals(1, page.rows().size(), "the bad row's computer was not created");
    }

    /** The section with a preview, at the two widths the console is laid out for. */
    private static void layout() {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> problems = new ArrayList<>();
        Path pictures = TestEnvironment.work().resolveSibling("console-screenshots").resolve(TestEnvironment.database());
        try {
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                browser.waitForPage();
                // The section's own elements (their ids begin with keyFile) and the page's width: the devices table
                // above holds whatever the other classes on this shared server registered.
                ClippedContent.on(browser).stream().filter(clip -> clip.selector().contains("#keyFile")
                                || clip.selector().contains("#key-file-import") || clip.selector().equals("the page"))
                        .forEach(clip -> problems.add("import at " + window.width + ": " + clip));
                AccessibilityCheck.seriousViolationsIn(browser, "#key-file-import")
                        .forEach(violation -> problems.add("import at " + window.width + ": " + violation));
                browser.driver().findElement(org.openqa.selenium.By.id("key-file-import"));
                ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                        "document.getElementById('key-file-import').scrollIntoView()");
                viewport.screenshot(pictures.resolve("admin-agent-devices-import-" + window.width + ".png"));
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
