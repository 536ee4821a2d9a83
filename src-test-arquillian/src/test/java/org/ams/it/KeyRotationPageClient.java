package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ams.it.browser.AccessibilityCheck;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.DevicesPage.KeysDialog;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Viewport;
import org.openqa.selenium.Dimension;

/**
 * The client side of {@link KeyRotationPageIT}: the administrator's browser on the Devices page. Kept apart from the
 * test class because the test class is also loaded inside the server, where Selenium does not exist.
 */
final class KeyRotationPageClient {

    private static final String HOW = " The agent adds a new recovery password, backs it up, and only then removes "
            + "the old one.";
    /** The first group of the recovery password every key of the test was escrowed with. */
    private static final String PASSWORD_GROUP = "531058";
    private static final String WHEN = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC";

    private static Browser browser;
    private static URL base;

    private KeyRotationPageClient() {
    }

    static void start() {
        browser = Browser.shared();
    }

    static void at(URL server) {
        base = server;
    }

    static void keysOfAComputer() {
        signIn();
        DevicesPage page = devicesPage();

        KeysDialog pc1 = page.keys(KeyRotationPageIT.PC_1);
        assertEquals(KeyRotationPageIT.PC_1, pc1.deviceName());
        List<KeysDialog.Key> keys = pc1.keys();
        assertEquals(List.of(key(0x11), key(0x13), key(0x12)), keys.stream().map(KeysDialog.Key::keyId).toList(),
                "current keys by drive, then history");
        KeysDialog.Key os = keys.get(0);
        assertEquals("Operating system drive C:", os.drive());
        assertEquals(KeyRotationPageIT.protector(0x11), os.protectorId());
        assertTrue(os.escrowed().matches(WHEN), os.escrowed());
        assertEquals("Current", os.state());
        assertEquals("Never shown", os.shown());
        assertEquals("None requested", os.rotation());
        assertTrue(os.rotatable());
        assertEquals("Not reported by the device since escrowed", os.onDevice(), "escrowed, never checked in since");
        assertTrue(os.verified().matches("Not verified yet|Verified " + WHEN
                + ": it opens and holds a valid recovery password"),
                os.verified());
        KeysDialog.Key replaced = keys.get(2);
        assertEquals("Fixed data drive D:", replaced.drive());
        assertEquals("History", replaced.state());
        assertEquals("replaced by protector " + KeyRotationPageIT.protector(0x13), replaced.history());
        assertTrue(replaced.rotation().matches("Replaced by \\Q" + KeyRotationPageIT.protector(0x13) + "\\E at "
                + WHEN), replaced.rotation());
        assertFalse(replaced.rotatable(), "a history key cannot be rotated");
        assertEquals("", replaced.onDevice(), "said of current keys only");
        assertEquals("Current", keys.get(1).state());
        assertEquals("", keys.get(1).history());
        assertFalse(pc1.source().contains(PASSWORD_GROUP), "no recovery password in the dialog");
        pc1.close();

        KeysDialog pc2 = page.keys(KeyRotationPageIT.PC_2);
        KeysDialog.Key failed = pc2.key(key(0x21));
        assertTrue(failed.shown().matches("Shown once; last to " + KeyRotationPageIT.SHOWN_TO + " at " + WHEN),
                failed.shown());
        assertTrue(failed.rotation().matches("Failed at step DELETE: \\Q" + KeyRotationPageIT.FAILURE + "\\E \\("
                + WHEN + "\\)"), failed.rotation());
        assertTrue(failed.rotatable(), "a failed rotation may be asked for again");
        assertEquals("Never shown", pc2.key(key(0x22)).shown());
        pc2.close();

        KeysDialog pc3 = new DevicesPage(browser).keys(KeyRotationPageIT.PC_3);
        KeysDialog.Key shown = pc3.key(key(0x31));
        assertTrue(shown.rotation().matches("Rotation requested at " + WHEN + " \\(reason: shown to "
                + KeyRotationPageIT.OTHER_USER + "\\); the device replaces it at its next check-in"), shown.rotation());
        assertFalse(shown.rotatable(), "a rotation is under way");
        assertEquals("Replacement " + KeyRotationPageIT.protector(0x33) + " escrowed, waiting for the device to "
                + "remove the old one", pc3.key(key(0x32)).rotation());
        assertEquals("None requested", pc3.key(key(0x33)).rotation());
        assertFalse(browser.driver().getPageSource().contains(PASSWORD_GROUP), "no recovery password on the page");
        pc3.close();
    }

    static void rotateOneKey() {
        KeysDialog dialog = new DevicesPage(browser).keys(KeyRotationPageIT.PC_4);

        String question = dialog.rotate(key(0x41));

        assertEquals("Replace the recovery password with key ID " + key(0x41) + " (Operating system drive C:) of "
                + KeyRotationPageIT.PC_4 + " at its next check-in?" + HOW, question);
        DevicesPage page = new DevicesPage(browser);
        assertEquals("The recovery password of key ID " + key(0x41) + " (Operating system drive C:) on "
                + KeyRotationPageIT.PC_4 + " will be replaced at the device's next check-in.", page.infoText());
        KeysDialog.Key rotating = dialog.key(key(0x41));
        assertTrue(rotating.rotation().matches("Rotation requested at " + WHEN
                + " \\(reason: Rotate now by admin\\).*"), rotating.rotation());
        assertFalse(rotating.rotatable());
        assertTrue(dialog.key(key(0x42)).rotatable(), "the other key is left as it was");
        dialog.close();
    }

    static void rotateADevice() {
        DevicesPage page = new DevicesPage(browser);

        String question = page.rotate(KeyRotationPageIT.PC_1);

        assertEquals("Replace every recovery password of " + KeyRotationPageIT.PC_1 + " at its next check-in?" + HOW,
                question);
        assertEquals("Rotation requested: 2 recovery password(s) of " + KeyRotationPageIT.PC_1 + " will be replaced "
                + "at its next check-in.", new DevicesPage(browser).infoText());
    }

    static void incidentResponse() {
        DevicesPage page = new DevicesPage(browser);
        page.chooseGroup(KeyRotationPageIT.GROUP_LABEL);
        String user = KeyRotationPageIT.SHOWN_TO.toUpperCase();

        String question = page.askRotationShownTo(user);
        page.confirmIncident();

        assertEquals("Replace every recovery password shown to " + user + " at each device's next check-in?" + HOW,
                question);
        assertEquals("Rotation of every recovery password shown to " + user + " requested: 1 recovery password(s) "
                + "will be replaced at each device's next check-in.", page.infoText());
        assertEquals(KeyRotationPageIT.GROUP_LABEL, page.chosenGroup(), "the group chosen before is still chosen");

        question = page.askRotationOfGroup(KeyRotationPageIT.GROUP_LABEL);
        page.confirmIncident();

        assertEquals("Replace every recovery password of device group " + KeyRotationPageIT.GROUP_LABEL
                + " at each device's next check-in?" + HOW, question);
        assertEquals("Rotation of every recovery password of device group " + KeyRotationPageIT.GROUP_LABEL
                + " requested: 3 recovery password(s) will be replaced at each device's next check-in.",
                page.infoText());
        assertEquals(user, page.typedUser(), "the user typed before is still there");
    }

    static void refusals() {
        DevicesPage page = new DevicesPage(browser);

        String question = page.rotate(KeyRotationPageIT.PC_5);

        assertEquals("Replace every recovery password of " + KeyRotationPageIT.PC_5 + " at its next check-in?" + HOW,
                question);
        assertEquals(KeyRotationPageIT.PC_5 + " is deleted: only an approved device checks in and can replace its "
                + "recovery passwords.", new DevicesPage(browser).errorText());

        page = new DevicesPage(browser);
        page.typeUser("   ");
        page.clickRotateShownTo();

        assertEquals("Type the user whose shown recovery passwords are to be replaced, as the audit log names them.",
                page.errorText());
    }

    static void layout() {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> problems = new ArrayList<>();
        Path pictures = TestEnvironment.work().resolveSibling("console-screenshots").resolve(TestEnvironment.database());
        try {
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                DevicesPage page = devicesPage();
                ClippedContent.on(browser).forEach(clip -> problems.add("page at " + window.width + ": " + clip));
                AccessibilityCheck.seriousViolations(browser)
                        .forEach(violation -> problems.add("page at " + window.width + ": " + violation));
                viewport.screenshot(pictures.resolve("admin-agent-devices-rotation-" + window.width + ".png"));
                KeysDialog dialog = page.keys(KeyRotationPageIT.PC_1);
                ClippedContent.on(browser).forEach(clip -> problems.add("keys at " + window.width + ": " + clip));
                AccessibilityCheck.seriousViolationsIn(browser, "#keysDialog")
                        .forEach(violation -> problems.add("keys at " + window.width + ": " + violation));
                viewport.screenshot(pictures.resolve("admin-agent-devices-keys-" + window.width + ".png"));
                dialog.close();
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static DevicesPage devicesPage() {
        browser.driver().get(base + DevicesPage.PATH);
        browser.waitForPage();
        return new DevicesPage(browser).filterByName("RKP-PC-");
    }

    private static String key(int n) {
        return KeyRotationPageIT.keyId(n);
    }

    private static void signIn() {
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
    }
}
