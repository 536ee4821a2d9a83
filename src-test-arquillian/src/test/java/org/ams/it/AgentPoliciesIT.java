package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.GroupsPage;
import org.ams.it.browser.Viewport;
import org.ams.it.browser.WindowsPoliciesPage;
import org.ams.it.browser.WindowsPoliciesPage.Explanation;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openqa.selenium.Dimension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The administrator guide's Steps 4-5 in the browser (find or create a Windows policy for the computers, choose the
 * types of encryption keys to back up), then what the real agent jar backs up under each switch, what the server
 * refuses behind the agent's back, the order in which policies apply, and the refusals of bad input.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentPoliciesIT extends BrowserIT {

    private static final String DEVICE = "POL-PC-1";
    private static final String GROUP = "Finance laptops";
    private static final String GROUP_TARGET = "Device group Default / " + GROUP;
    private static final String POLICY = "Finance laptops";
    private static final String DEFAULT = "Default policy";

    private static AgentDevice device;
    private static EncryptionCredential certificate;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Before any policy exists, a registered device gets the default policy: every drive type, hourly")
    void defaultPolicyFirst() throws Exception {
        ConsoleSetup console = new ConsoleSetup(browser, base, downloads);
        console.signInAsAdministrator();
        AgentRegistrationPage registration = console.agentRegistration();
        if (!registration.agentSupportStatus().contains("enabled")) {
            registration.enableAgentSupport();
        }
        String key = new AgentRegistrationPage(browser).addKey("Policy IT", null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        certificate = console.createActive2048BitCertificate("AMS policy IT", "Policy-IT-backup-1");
        device = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "policy-agent-"),
                ConsoleSetup.servedFingerprint());
        AgentProcess.Result registered = device.register(key, DEVICE);
        assertEquals(0, registered.exitCode(), registered.output());

        WindowsPoliciesPage page = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new);

        WindowsPoliciesPage.Row defaults = page.row(DEFAULT).orElseThrow();
        assertEquals("Always", defaults.state());
        assertEquals("OS drive, fixed drives, removable drives", defaults.backup());
        assertEquals("60 min", defaults.interval());
        assertEquals(List.of(DEFAULT), page.names(), "no custom policy yet");
        assertTrue(page.explain(DEVICE).verdict().startsWith(DEVICE + " gets " + DEFAULT));
    }

    @Test
    @Order(2)
    @DisplayName("Steps 4-5: create a policy for a device group and choose the types of keys to back up")
    void createPolicyForAGroup() {
        GroupsPage groups = open(GroupsPage.PATH, GroupsPage::new);
        groups.add(GROUP, "Laptops of the finance department");
        new GroupsPage(browser).openMembers(GROUP);
        new GroupsPage(browser).addMember(DEVICE);

        WindowsPoliciesPage.Editor editor = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).add();
        assertEquals("Enable backup of OS drive encryption keys", editor.labelOf("policy:os"));
        assertEquals("Enable backup of fixed drive encryption keys", editor.labelOf("policy:fixed"));
        assertEquals("Enable backup of removable drive encryption keys", editor.labelOf("policy:removable"));
        editor.name(POLICY).description("OS drives of finance laptops").addTarget("finance", GROUP_TARGET)
                .backupOsDrive(true);
        assertEquals(List.of(GROUP_TARGET), editor.targets());
        WindowsPoliciesPage page = editor.save();

        WindowsPoliciesPage.Row row = page.row(POLICY).orElseThrow(() -> new AssertionError(page.errorText()));
        assertEquals("1", row.position());
        assertEquals("Enabled", row.state());
        assertEquals(GROUP_TARGET, row.targets());
        assertEquals("OS drive", row.backup(), "a new policy backs up only what the administrator chose");
        assertEquals(List.of(POLICY, DEFAULT), page.names());
        Explanation why = new WindowsPoliciesPage(browser).explain(DEVICE);
        assertEquals(DEVICE + " gets " + POLICY + ".", why.verdict());
        assertEquals("Applies: targets " + GROUP_TARGET, why.why(POLICY));
    }

    @Test
    @Order(3)
    @DisplayName("The real agent backs up exactly the drive types its policy allows, one switch at a time")
    void eachDriveTypeSwitchEndToEnd() throws Exception {
        AgentProcess.Result osOnly = device.checkIn("four-volumes.json");
        assertEquals(0, osOnly.exitCode(), osOnly.output());
        assertTrue(osOnly.output().contains("1 escrowed, 0 already held, 0 rejected"), osOnly.output());
        assertTrue(osOnly.output().contains("does not include fixed drives"), osOnly.output());
        assertTrue(osOnly.output().contains("does not include removable drives"), osOnly.output());
        assertEquals(1, keysOfDevice());
        assertTrue(device.run("status").output().contains("back up OS drive yes, fixed drives no, removable drives no"));

        open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).edit(POLICY).backupFixedDrives(true).save();
        AgentProcess.Result withFixed = device.checkIn("four-volumes.json");
        assertTrue(withFixed.output().contains("1 escrowed, 1 already held, 0 rejected"), withFixed.output());
        assertTrue(withFixed.output().contains("does not include removable drives"), withFixed.output());
        assertEquals(2, keysOfDevice());

        open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).edit(POLICY).backupOsDrive(false)
                .backupRemovableDrives(true).save();
        AgentProcess.Result withRemovable = device.checkIn("four-volumes.json");
        assertTrue(withRemovable.output().contains("1 escrowed, 1 already held, 0 rejected"), withRemovable.output());
        assertTrue(withRemovable.output().contains("does not include OS drives"), withRemovable.output());
        assertEquals(3, keysOfDevice(), "switching the OS drive off keeps the key already escrowed");
    }

    @Test
    @Order(4)
    @DisplayName("The server refuses an upload of a drive type the device's policy does not allow, storing nothing")
    void serverEnforcesThePolicy() throws Exception {
        open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).edit(POLICY).backupOsDrive(true)
                .backupFixedDrives(false).backupRemovableDrives(false).save();
        String envelope = Base64.getEncoder().encodeToString(new EnvelopeEncryptor().encrypt(
                "309540-054054-123915-625218-602910-100716-346984-130779".getBytes(StandardCharsets.US_ASCII),
                certificate.certificate()));
        String removable = "{\"volumes\":[{\"volumeId\":\"\\\\\\\\?\\\\Volume{9d8c7b6a-0f1a-4b2c-9d3e-4f5a6b7c8d9e}\\\\\","
                + "\"mountPoint\":\"G:\",\"driveType\":\"REMOVABLE\",\"protectors\":[{\"protectorId\":"
                + "\"{8F1E2D3C-4B5A-4968-8776-655443322110}\",\"envelope\":\"" + envelope + "\"}]}]}";

        AgentDevice.assertRefused(device.post("keys", removable), 403, "DRIVE_TYPE_NOT_ALLOWED");

        assertEquals(3, keysOfDevice(), "nothing of the refused upload was stored");
    }

    @Test
    @Order(5)
    @DisplayName("The first enabled policy in list order wins; moving and disabling policies changes the winner")
    void firstMatchInOrder() throws Exception {
        open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).add().name("Whole tenant")
                .addTarget("Default", "Tenant Default").backupRemovableDrives(true).interval("30").save();
        WindowsPoliciesPage page = new WindowsPoliciesPage(browser);
        assertEquals(List.of(POLICY, "Whole tenant", DEFAULT), page.names());
        assertTrue(page.explain(DEVICE).verdict().contains("gets " + POLICY), "the earlier policy wins");

        new WindowsPoliciesPage(browser).moveUp("Whole tenant");
        page = new WindowsPoliciesPage(browser);
        assertEquals(List.of("Whole tenant", POLICY, DEFAULT), page.names());
        Explanation moved = page.explain(DEVICE);
        assertEquals(DEVICE + " gets Whole tenant.", moved.verdict());
        assertEquals("(not considered)", moved.why(POLICY), "policies after the winner are not looked at");
        AgentProcess.Result checkIn = device.checkIn("four-volumes.json");
        assertEquals(0, checkIn.exitCode(), checkIn.output());
        assertTrue(device.run("status").output().contains("check in every 30 min; back up OS drive no, fixed "
                + "drives no, removable drives yes"), "the agent applies the new winner at its next check-in");

        new WindowsPoliciesPage(browser).edit("Whole tenant").enabled(false).save();
        Explanation disabled = new WindowsPoliciesPage(browser).explain(DEVICE);
        assertEquals(DEVICE + " gets " + POLICY + ".", disabled.verdict());
        assertEquals("Disabled: would apply through Tenant Default", disabled.why("Whole tenant"));
        assertEquals("Disabled", new WindowsPoliciesPage(browser).row("Whole tenant").orElseThrow().state());
    }

    @Test
    @Order(6)
    @DisplayName("A directory and a single computer are targets too; a duplicate starts disabled below its original")
    void directoryAndComputerTargets() {
        open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).add().name("AMS directory")
                .addTarget("AMS", "Directory Default / AMS").backupFixedDrives(true).save();
        new WindowsPoliciesPage(browser).moveUp("AMS directory");
        new WindowsPoliciesPage(browser).moveUp("AMS directory");
        Explanation directory = new WindowsPoliciesPage(browser).explain(DEVICE);
        assertEquals(DEVICE + " gets AMS directory.", directory.verdict());
        assertEquals("Applies: targets Directory Default / AMS", directory.why("AMS directory"));

        new WindowsPoliciesPage(browser).add().name("Just this one").addTarget("pol-pc", "Computer " + DEVICE)
                .save();
        new WindowsPoliciesPage(browser).duplicate("Just this one");
        WindowsPoliciesPage page = new WindowsPoliciesPage(browser);
        assertEquals(List.of("AMS directory", "Whole tenant", POLICY, "Just this one", "Copy of Just this one",
                DEFAULT), page.names());
        assertEquals("Disabled", page.row("Copy of Just this one").orElseThrow().state());
        assertEquals("Computer " + DEVICE, page.row("Copy of Just this one").orElseThrow().targets());
        for (int i = 0; i < 3; i++) {
            new WindowsPoliciesPage(browser).moveUp("Just this one");
        }
        Explanation computer = new WindowsPoliciesPage(browser).explain(DEVICE);
        assertEquals(DEVICE + " gets Just this one.", computer.verdict());
        assertEquals("Applies: targets Computer " + DEVICE, computer.why("Just this one"));
    }

    @Test
    @Order(7)
    @DisplayName("A device moved out of the group gets the next matching policy at its next check-in")
    void membershipChangeTakesEffect() throws Exception {
        WindowsPoliciesPage page = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new);
        for (String name : List.of("Just this one", "AMS directory", "Copy of Just this one")) {
            new WindowsPoliciesPage(browser).delete(name);
        }
        page = new WindowsPoliciesPage(browser);
        assertEquals(List.of("Whole tenant", POLICY, DEFAULT), page.names());
        assertEquals(DEVICE + " gets " + POLICY + ".", page.explain(DEVICE).verdict());

        GroupsPage groups = open(GroupsPage.PATH, GroupsPage::new);
        groups.openMembers(GROUP);
        new GroupsPage(browser).removeMember(DEVICE);
        device.checkIn("four-volumes.json");

        assertTrue(open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).explain(DEVICE).verdict()
                .startsWith(DEVICE + " gets " + DEFAULT + ": no enabled custom policy targets it"));
        assertTrue(device.run("status").output().contains("check in every 60 min; back up OS drive yes, fixed "
                + "drives yes, removable drives yes"), "the default policy reached the agent");
    }

    @Test
    @Order(8)
    @DisplayName("Bad input: an invalid interval, a taken name, a deleted target; each refused and nothing saved")
    void badInputChangesNothing() {
        WindowsPoliciesPage page = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new);
        List<String> before = page.names();

        page.add().name("Too eager").interval("2").save();
        assertTrue(new WindowsPoliciesPage(browser).errorText().contains("between 5 and 1440 minutes"),
                new WindowsPoliciesPage(browser).errorText());
        new WindowsPoliciesPage(browser).add().name("Not a number").interval("often").save();
        assertTrue(new WindowsPoliciesPage(browser).errorText().contains("whole number of minutes"),
                new WindowsPoliciesPage(browser).errorText());
        new WindowsPoliciesPage(browser).add().name("finance LAPTOPS").save();
        assertTrue(new WindowsPoliciesPage(browser).errorText().contains("already exists"),
                new WindowsPoliciesPage(browser).errorText());
        new WindowsPoliciesPage(browser).add().name(" ").save();
        assertTrue(new WindowsPoliciesPage(browser).errorText().contains("1 to 128 characters"));
        assertEquals(before, open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).names());

        open(GroupsPage.PATH, GroupsPage::new).add("Short-lived", "");
        open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).edit(POLICY)
                .addTarget("short", "Device group Default / Short-lived").save();
        open(GroupsPage.PATH, GroupsPage::new).delete("Short-lived");
        WindowsPoliciesPage.Editor editor = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).edit(POLICY);
        assertTrue(browser.driver().getPageSource().contains("no longer exists: remove it"));
        editor.save();
        assertTrue(new WindowsPoliciesPage(browser).errorText().contains("no longer exists"));
        assertTrue(editor.isOpen(), "the editor stays open with what was typed");
        editor.removeTarget("Device group (deleted)").save();
        assertEquals(GROUP_TARGET, new WindowsPoliciesPage(browser).row(POLICY).orElseThrow().targets());
    }

    @Test
    @Order(9)
    @DisplayName("Two administrators edit one policy: the second save is refused as changed by someone else")
    void concurrentEditsAreDetected() {
        WindowsPoliciesPage.Editor mine = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).edit(POLICY);
        try (Browser other = Browser.start()) {
            new ConsoleSetup(other, base, downloads).signInAsAdministrator();
            other.driver().get(base + WindowsPoliciesPage.PATH);
            new WindowsPoliciesPage(other).edit(POLICY).interval("90").save();
            assertEquals("90 min", new WindowsPoliciesPage(other).row(POLICY).orElseThrow().interval());
        }

        mine.interval("15").save();

        assertTrue(new WindowsPoliciesPage(browser).errorText().contains("changed by someone else"),
                new WindowsPoliciesPage(browser).errorText());
        assertEquals("90 min", open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).row(POLICY).orElseThrow()
                .interval(), "the other administrator's change stands");
        assertFalse(new WindowsPoliciesPage(browser).row(DEFAULT).isEmpty());
    }

    @Test
    @Order(10)
    @DisplayName("Rotation settings: on for shown passwords as shipped, an age in days or none, bad days refused")
    void rotationSettings() {
        WindowsPoliciesPage.Editor editor = open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).edit(POLICY);
        assertEquals("Rotate a recovery password after it has been shown", editor.labelOf("policy:rotateDisclosed"));
        assertTrue(editor.rotatesShown(), "on as shipped");
        assertEquals("", editor.rotateAfterDays(), "no age rule as shipped");
        layoutOfTheEditor();

        editor.rotateAfterDays("90d").save();
        assertTrue(new WindowsPoliciesPage(browser).errorText().startsWith("Rotate every recovery password older "
                + "than: a whole number of days between 1 and 3650"), new WindowsPoliciesPage(browser).errorText());
        assertEquals("90d", new WindowsPoliciesPage(browser).editor().rotateAfterDays(), "what was typed stays");
        new WindowsPoliciesPage(browser).editor().rotateAfterDays("0").save();
        assertTrue(new WindowsPoliciesPage(browser).errorText().contains("1 to 3650 days; 0 is not"),
                new WindowsPoliciesPage(browser).errorText());

        new WindowsPoliciesPage(browser).editor().rotateShown(false).rotateAfterDays("90").save();
        WindowsPoliciesPage.Row row = new WindowsPoliciesPage(browser).row(POLICY).orElseThrow();
        assertEquals("Keeps shown passwords; rotates those older than 90 days", row.rotation());
        assertEquals("Rotates shown passwords", new WindowsPoliciesPage(browser).row(DEFAULT).orElseThrow().rotation());
        WindowsPoliciesPage.Editor again = new WindowsPoliciesPage(browser).edit(POLICY);
        assertFalse(again.rotatesShown());
        assertEquals("90", again.rotateAfterDays());
        again.rotateAfterDays("").save();
        assertEquals("Keeps shown passwords", new WindowsPoliciesPage(browser).row(POLICY).orElseThrow().rotation(),
                "empty is never");
    }

    /** The editor, rotation section included, at both widths: nothing cut off; the pictures are kept. */
    private void layoutOfTheEditor() {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> problems = new ArrayList<>();
        try {
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                ClippedContent.on(browser).forEach(clip -> problems.add(window.width + ": " + clip));
                viewport.screenshot(TestEnvironment.work().resolveSibling("console-screenshots")
                        .resolve(TestEnvironment.database()).resolve("admin-agent-policies-editor-" + window.width
                                + ".png"));
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @Order(11)
    @DisplayName("Clean-up: the policies this class made are deleted; the default policy applies again")
    void policiesAreDeleted() {
        // The IT classes after this one share the server: none of them should inherit these policies.
        for (String name : List.of("Whole tenant", POLICY, "Just this one", "AMS directory", "Copy of Just this one")) {
            if (open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).row(name).isPresent()) {
                new WindowsPoliciesPage(browser).delete(name);
            }
        }
        assertEquals(List.of(DEFAULT), open(WindowsPoliciesPage.PATH, WindowsPoliciesPage::new).names());
    }

    private int keysOfDevice() {
        return open(DevicesPage.PATH, DevicesPage::new).row(DEVICE).orElseThrow().keys();
    }
}
