package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.DashboardPage;
import org.ams.it.browser.Viewport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;

/**
 * The Dashboard's rotation and escrow-check section in a real browser, at a laptop's and a desktop's width. It holds
 * for whatever the shared server has by then; run after {@link EscrowVerificationIT} (name order), it shows that
 * class's waiting and failed rotations, a long agent's reason among them. A picture at each width is kept beside the
 * console's under {@code target/console-screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
class EscrowVerificationPageIT extends BrowserIT {

    private static final List<Dimension> WINDOWS = List.of(new Dimension(1366, 768), new Dimension(1920, 1080));

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @DisplayName("Rotation tiles and tables and the escrow check read whole at 1366 and 1920 px; every stored key opens")
    void rotationsAndEscrowCheck() {
        signIn("admin", TestEnvironment.adminPassword());
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> clipped = new ArrayList<>();
        try {
            for (Dimension window : WINDOWS) {
                viewport.size(window);
                DashboardPage page = open(DashboardPage.PATH, DashboardPage::new);
                ClippedContent.on(browser).forEach(clip -> clipped.add(window.width + " px: " + clip));
                viewport.screenshot(screenshots().resolve("dashboard-escrow-" + window.width + ".png"));

                assertEquals(0, page.tile("unreadable-secrets"), "every stored recovery password opens");
                assertFalse(page.text("last-verified").isBlank());
                assertTrue(page.tile("rotations-waiting") >= page.waitingRotations().size());
                assertEquals(Math.min(page.tile("rotations-failed"), 10), page.failedRotations().size());
                List<String> requested = page.waitingRotations().stream()
                        .map(DashboardPage.WaitingRotation::requested).toList();
                assertEquals(requested.stream().sorted().toList(), requested, "oldest first");
                page.failedRotations().forEach(failed -> assertFalse(failed.reason().isBlank(), failed.toString()));
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(clipped.isEmpty(), String.join("\n", clipped));
    }

    @Test
    @DisplayName("Check now opens every stored password at once and says so; the tile names the check's time")
    void checkNow() {
        signIn("admin", TestEnvironment.adminPassword());
        DashboardPage page = open(DashboardPage.PATH, DashboardPage::new);

        String outcome = page.checkNow();

        assertTrue(outcome.matches("Checked \\d+ stored recovery password\\(s\\) at (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d) "
                + "UTC: every one opens\\.") || outcome.startsWith("A check is already under way"), outcome);
        if (outcome.startsWith("Checked")) {
            String at = outcome.replaceAll(".* at (\\S+ \\S+) UTC.*", "$1");
            assertTrue(page.text("last-verified").startsWith(at + " UTC, "), page.text("last-verified"));
            assertEquals(0, page.tile("unreadable-secrets"));
        }
        new Viewport(browser).screenshot(screenshots().resolve("dashboard-escrow-checked.png"));
    }

    private static Path screenshots() {
        return TestEnvironment.work().resolveSibling("console-screenshots").resolve(TestEnvironment.database());
    }
}
