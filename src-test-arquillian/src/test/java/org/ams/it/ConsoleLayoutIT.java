package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.ams.it.browser.AccessibilityCheck;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.ConsolePages;
import org.ams.it.browser.ConsolePages.Page;
import org.ams.it.browser.ConsolePages.Visitor;
import org.ams.it.browser.FormGrids;
import org.ams.it.browser.Viewport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Every console page ({@link ConsolePages}) with long, realistic data on it ({@link ConsoleLayoutData}): at a
 * 1366 x 768 laptop's window and a 1920 x 1080 desktop's, no table cell and no value is cut off, hidden behind an
 * ellipsis or pushed into a sideways scroll; axe-core finds no serious or critical WCAG 2 A/AA violation. A picture
 * of each page at each width is kept under {@code target/console-screenshots/}.
 * <p>
 * Runs on PostgreSQL only (the H2 module leaves it out, {@code it.shared.excludes}): what it checks is how the browser
 * lays out and labels pages the same data fills, which no database can change, and at about two minutes of the loaded
 * machine it balances the H2 module's classes that run on H2 alone ({@code DistributionIT}, {@code EarOnPayaraServerIT}).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLayoutIT extends BrowserIT {

    private static final List<Dimension> WINDOWS = List.of(new Dimension(1366, 768), new Dimension(1920, 1080));

    private static ConsoleLayoutData data;
    /** Whether {@link #visitEveryPageOnce} went through every page: null before, false while or after it broke off. */
    private static Boolean visited;
    private static final List<String> cutOff = new ArrayList<>();
    private static final List<String> inaccessible = new ArrayList<>();
    private static final List<String> unlikeButtons = new ArrayList<>();
    private static int deletes;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("The list of console pages names every page of the web application but the sign-in page")
    void everyPageIsListed() {
        Path webapp = TestEnvironment.repositoryRoot().resolve("ams-web/src/main/webapp");
        assertEquals(ConsolePages.pagesIn(webapp), ConsolePages.listedPaths(),
                "a page under " + webapp + " is missing from org.ams.it.browser.ConsolePages, or one listed is gone");
    }

    @Test
    @Order(2)
    @DisplayName("Long names, descriptions, recipients and a denied request are on the pages")
    void longValuesAreOnThePages() throws Exception {
        data = new ConsoleLayoutData(browser, base, console());
        data.create();
    }

    @Test
    @Order(3)
    @DisplayName("At 1366 and 1920 pixels wide no page cuts off a table cell or a value, and every form's labels and "
            + "fields are in their columns")
    void nothingIsCutOff() {
        visitEveryPageOnce();
        assertTrue(cutOff.isEmpty(), cutOff.size() + " elements cut off their content or left their column:\n"
                + String.join("\n", cutOff));
    }

    @Test
    @Order(4)
    @DisplayName("axe-core finds no serious or critical WCAG 2 A/AA violation on any page")
    void noSeriousAccessibilityViolation() {
        visitEveryPageOnce();
        assertTrue(inaccessible.isEmpty(), inaccessible.size() + " serious or critical violations:\n"
                + String.join("\n", inaccessible));
    }

    @Test
    @Order(5)
    @DisplayName("One button vocabulary: every Delete reads Delete with the bin icon, outlined in the danger colour; an Add button shows the plus icon or none")
    void oneButtonVocabulary() {
        visitEveryPageOnce();
        assertTrue(deletes >= 4, "Delete buttons on the pages with data: " + deletes);
        assertTrue(unlikeButtons.isEmpty(), "Buttons unlike the others:\n" + String.join("\n", unlikeButtons));
    }

    @Test
    @Order(6)
    @DisplayName("Clean-up: the channel and the certificate are deleted, agent support is as it was")
    void cleanUp() {
        if (data != null) {
            data.cleanUp();
        }
    }

    /**
     * Opens every page once per window size and checks there what the three tests above assert: the layout at both
     * widths (with a screenshot), axe-core's rules at the laptop's width and the buttons at the desktop's. One visit
     * for all three, instead of one each, spares the loaded machine twice as many sign-ins and page loads; the first
     * test to ask makes it, and a visit that broke off fails each test that asks again.
     */
    private void visitEveryPageOnce() {
        if (visited != null) {
            assertTrue(visited, "the visit of every page broke off (see the first of these tests to fail)");
            return;
        }
        visited = false;
        visitEveryPage(WINDOWS, (page, window) -> {
            ClippedContent.on(browser).forEach(clip -> cutOff.add(page.path() + " at " + window.width + " px: "
                    + clip));
            FormGrids.misplaced(browser).forEach(cell -> cutOff.add(page.path() + " at " + window.width + " px: "
                    + cell));
            if (window.equals(WINDOWS.get(0))) {
                AccessibilityCheck.seriousViolations(browser)
                        .forEach(violation -> inaccessible.add(page.path() + ": " + violation));
            }
            if (window.equals(WINDOWS.get(1))) {
                checkButtons(page);
            }
            new Viewport(browser).screenshot(screenshots().resolve(page.fileName() + "-" + window.width + ".png"));
        });
        visited = true;
    }

    private void checkButtons(Page page) {
        for (WebElement button : browser.driver().findElements(By.cssSelector(".delete-button"))) {
            deletes++;
            String classes = button.getAttribute("class");
            if (!button.getText().strip().equals("Delete") || button.findElements(By.cssSelector(".pi-trash"))
                    .isEmpty() || !classes.contains("ui-button-outlined") || !classes.contains("ui-button-danger")) {
                unlikeButtons.add(page.path() + ": \"" + button.getText().strip() + "\" " + classes);
            }
        }
        for (WebElement button : browser.driver().findElements(By.cssSelector("button.ui-button"))) {
            List<WebElement> icons = button.findElements(By.cssSelector(".ui-button-icon-left"));
            if (button.getText().strip().startsWith("Add") && !icons.isEmpty()
                    && !icons.get(0).getAttribute("class").contains("pi-plus")) {
                unlikeButtons.add(page.path() + ": \"" + button.getText().strip() + "\" with the icon "
                        + icons.get(0).getAttribute("class"));
            }
        }
    }

    /** Opens every console page as its visitor in windows of each size, then gives the window its size back. */
    private void visitEveryPage(List<Dimension> windows, BiConsumer<Page, Dimension> check) {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        try {
            for (Visitor visitor : Visitor.values()) {
                signInAs(visitor);
                for (Page page : ConsolePages.of(visitor)) {
                    for (Dimension window : windows) {
                        viewport.size(window);
                        open(page.path(), opened -> opened);
                        check.accept(page, window);
                    }
                }
            }
        } finally {
            viewport.size(before);
        }
    }

    private void signInAs(Visitor visitor) {
        if (visitor == Visitor.HELPDESK) {
            signIn(data.helpdeskUser, data.helpdeskPassword);
        } else {
            signIn("admin", TestEnvironment.adminPassword());
        }
    }

    private static Path screenshots() {
        return TestEnvironment.work().resolveSibling("console-screenshots").resolve(TestEnvironment.database());
    }
}
