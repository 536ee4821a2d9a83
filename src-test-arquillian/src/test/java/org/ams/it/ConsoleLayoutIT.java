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
        List<String> problems = new ArrayList<>();
        visitEveryPage(WINDOWS, (page, window) -> {
            ClippedContent.on(browser).forEach(clip -> problems.add(page.path() + " at " + window.width + " px: "
                    + clip));
            FormGrids.misplaced(browser).forEach(cell -> problems.add(page.path() + " at " + window.width + " px: "
                    + cell));
            new Viewport(browser).screenshot(screenshots().resolve(page.fileName() + "-" + window.width + ".png"));
        });
        assertTrue(problems.isEmpty(), problems.size() + " elements cut off their content or left their column:\n"
                + String.join("\n", problems));
    }

    @Test
    @Order(4)
    @DisplayName("axe-core finds no serious or critical WCAG 2 A/AA violation on any page")
    void noSeriousAccessibilityViolation() {
        List<String> problems = new ArrayList<>();
        visitEveryPage(WINDOWS.subList(0, 1), (page, window) -> AccessibilityCheck.seriousViolations(browser)
                .forEach(violation -> problems.add(page.path() + ": " + violation)));
        assertTrue(problems.isEmpty(), problems.size() + " serious or critical violations:\n"
                + String.join("\n", problems));
    }

    @Test
    @Order(5)
    @DisplayName("One button vocabulary: every Delete reads Delete with the bin icon, outlined in the danger colour; an Add button shows the plus icon or none")
    void oneButtonVocabulary() {
        List<String> problems = new ArrayList<>();
        int[] deletes = {0};
        visitEveryPage(WINDOWS.subList(1, 2), (page, window) -> {
            for (WebElement button : browser.driver().findElements(By.cssSelector(".delete-button"))) {
                deletes[0]++;
                String classes = button.getAttribute("class");
                if (!button.getText().strip().equals("Delete") || button.findElements(By.cssSelector(".pi-trash"))
                        .isEmpty() || !classes.contains("ui-button-outlined") || !classes.contains("ui-button-danger")) {
                    problems.add(page.path() + ": \"" + button.getText().strip() + "\" " + classes);
                }
            }
            for (WebElement button : browser.driver().findElements(By.cssSelector("button.ui-button"))) {
                List<WebElement> icons = button.findElements(By.cssSelector(".ui-button-icon-left"));
                if (button.getText().strip().startsWith("Add") && !icons.isEmpty()
                        && !icons.get(0).getAttribute("class").contains("pi-plus")) {
                    problems.add(page.path() + ": \"" + button.getText().strip() + "\" with the icon "
                            + icons.get(0).getAttribute("class"));
                }
            }
        });
        assertTrue(deletes[0] >= 4, "Delete buttons on the pages with data: " + deletes[0]);
        assertTrue(problems.isEmpty(), "Buttons unlike the others:\n" + String.join("\n", problems));
    }

    @Test
    @Order(6)
    @DisplayName("Clean-up: the channel and the certificate are deleted, agent support is as it was")
    void cleanUp() {
        if (data != null) {
            data.cleanUp();
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
