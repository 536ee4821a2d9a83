package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.DashboardPage;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.browser.RolesPage;
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

/**
 * The Dashboard in a real browser, against a data set made through the product: eight devices registered by the real
 * agent jar (two escrow keys, one checks in without any, one never checks in, and one each is left pending, rejected,
 * disabled and deleted on the Devices page) and one access request a helpdesk user is denied. Every tile, the keys
 * escrowed per day, the recent denials and the list of approved devices without a key show exactly that.
 * <p>
 * A server of its own (Failsafe runs this class in a JVM of its own, see the module's POM): every figure is checked
 * exactly against the known data set, which no other class's devices may add to.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardPageIT extends BrowserIT {

    private static final String KEYS_1 = "DASH-KEYS-1";
    private static final String KEYS_2 = "DASH-KEYS-2";
    private static final String NO_KEY_CHECKED_IN = "DASH-NOKEY-CHECKED";
    private static final String NO_KEY_NEVER = "DASH-NOKEY-NEVER";
    private static final String DISABLED = "DASH-DISABLED";
    private static final String DELETED = "DASH-DELETED";
    private static final String PENDING = "DASH-PENDING";
    private static final String REJECTED = "DASH-REJECTED";
    private static final String HELPDESK_USER = "dana";
    private static final String HELPDESK_PASSWORD = "Dana-Helpdesk-2026";

    /** The UTC day the agents escrowed their keys. */
    private static LocalDate escrowDay;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: agents register and escrow, the administrator decides about devices, a helpdesk user is denied")
    void knownDataSet() throws Exception {
        ConsoleSetup console = new ConsoleSetup(browser, base, downloads);
        signIn("admin", TestEnvironment.adminPassword());
        AgentRegistrationPage registration = console.agentRegistration();
        if (!registration.agentSupportStatus().contains("enabled")) {
            registration.enableAgentSupport();
        }
        String open = console.agentRegistration().addKey("Dashboard IT", null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        String approvalRequired = console.agentRegistration().addKey("Dashboard IT approval", null, true);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        console.createActiveCertificate("AMS dashboard IT", "Dashboard-IT-backup-1");

        String pin = ConsoleSetup.servedFingerprint();
        escrowDay = LocalDate.now(ZoneOffset.UTC);
        AgentDevice keys1 = registered(pin, open, KEYS_1, "(APPROVED)");
        assertSucceeded(keys1.checkIn("four-volumes.json"), "3 escrowed");
        assertSucceeded(registered(pin, open, KEYS_2, "(APPROVED)").checkIn("helpdesk-twin-volumes.json"),
                "1 escrowed");
        assertSucceeded(registered(pin, open, NO_KEY_CHECKED_IN, "(APPROVED)").checkIn("no-recovery-password.json"),
                "");
        registered(pin, open, NO_KEY_NEVER, "(APPROVED)");
        registered(pin, open, DISABLED, "(APPROVED)");
        registered(pin, open, DELETED, "(APPROVED)");
        registered(pin, approvalRequired, PENDING, "(PENDING)");
        registered(pin, approvalRequired, REJECTED, "(PENDING)");

        DevicesPage devices = open(DevicesPage.PATH, DevicesPage::new);
        devices.disable(DISABLED);
        new DevicesPage(browser).delete(DELETED);
        new DevicesPage(browser).reject(REJECTED);
        assertEquals("REJECTED", new DevicesPage(browser).row(REJECTED).orElseThrow().state());

        AuthenticationPage accounts = browser.open(base + "admin/settings/authentication.xhtml",
                AuthenticationPage.class).on(browser);
        accounts.addLocalAccount(HELPDESK_USER, "Dana Desk", HELPDESK_PASSWORD);
        RolesPage roles = browser.open(base + "admin/settings/roles.xhtml", RolesPage.class).on(browser);
        roles.search(HELPDESK_USER);
        roles.grant("HELPDESK", HELPDESK_USER);
        ComputerRulesPage rules = open(ComputerRulesPage.PATH, ComputerRulesPage::new).add()
                .target("dash-keys-1", "Computer " + KEYS_1).description("Dana sees " + KEYS_1)
                .addEntry(HELPDESK_USER, HELPDESK_USER, true, "Read BitLocker key metadata").doneWithPermissions()
                .save();
        assertTrue(rules.row("Dana sees " + KEYS_1).isPresent(), rules.errorText());

        signIn(HELPDESK_USER, HELPDESK_PASSWORD);
        RequestAccessPage request = open(RequestAccessPage.PATH, RequestAccessPage::new);
        request.find(KEYS_1);
        assertEquals(KEYS_1, request.chosenComputer(), request.errorText());
        request.reason("Ticket 1: locked out");
        request.showPasswords();
        assertTrue(request.deniedSentence().startsWith("Access denied"), request.deniedSentence());

        browser.driver().get(base + DashboardPage.PATH);
        browser.waitForPage();
        assertEquals(1, browser.driver().findElements(By.id("forbidden")).size(),
                "a helpdesk user is refused the dashboard");
        assertFalse(new Menu(browser).entries().contains("Dashboard"));
    }

    @Test
    @Order(2)
    @DisplayName("The Administration card leads to the Dashboard, which is the first page of the administrator's menu")
    void reachableFromHomeAndMenu() {
        signIn("admin", TestEnvironment.adminPassword());
        List<String> menu = new Menu(browser).entries();
        assertEquals(List.of("Home", "Dashboard"), menu.subList(0, 2), menu.toString());

        browser.driver().findElement(By.id("dashboard-link")).click();
        browser.waitUntil(driver -> browser.currentPath().endsWith("/admin/dashboard.xhtml"));
        DashboardPage page = new DashboardPage(browser);

        assertEquals("Dashboard", page.heading());
        assertEquals("Dashboard · AMS", browser.driver().getTitle());
    }

    @Test
    @Order(3)
    @DisplayName("Tiles: devices by state, approved devices with and without keys, stale devices for 30 and 7 days")
    void tiles() {
        DashboardPage page = open(DashboardPage.PATH, DashboardPage::new);

        assertEquals(4, page.tile("devices-approved"), "two with keys, two without");
        assertEquals(1, page.tile("devices-pending"));
        assertEquals(1, page.tile("devices-rejected"));
        assertEquals(1, page.tile("devices-disabled"));
        assertEquals(1, page.tile("devices-deleted"));
        assertEquals(2, page.tile("devices-with-keys"));
        assertEquals(2, page.tile("devices-without-keys"));
        assertEquals("30", page.text("stale-days"));
        assertEquals(1, page.tile("stale-devices"), "the approved device that never checked in");
        assertEquals(1, page.tile("never-checked-in"));

        page.staleAfter(7);

        assertEquals("7", page.text("stale-days"));
        assertEquals(1, page.tile("stale-devices"));
        assertEquals(2, page.tile("devices-without-keys"), "the other tiles stay");
    }

    @Test
    @Order(4)
    @DisplayName("Keys escrowed per day: 14 days, every one listed, the 4 keys on the day the agents escrowed them")
    void keysEscrowedPerDay() {
        // The page's today is the UTC day it was rendered on, read before and after, so midnight in between is no
        // failure: the 14 days end on one of the two.
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        List<DashboardPage.EscrowDay> days = open(DashboardPage.PATH, DashboardPage::new).escrowDays();
        LocalDate after = LocalDate.now(ZoneOffset.UTC);

        assertEquals(14, days.size(), days.toString());
        assertEquals(4, days.stream().mapToLong(DashboardPage.EscrowDay::keys).sum(), days.toString());
        DashboardPage.EscrowDay escrowed = days.stream().filter(day -> day.day().endsWith(escrowDay.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + escrowDay + ": " + days));
        assertEquals(4, escrowed.keys());
        assertTrue(days.indexOf(escrowed) >= 12, "today or, just after midnight, yesterday: " + days);
        assertTrue(days.get(0).day().endsWith(before.minusDays(13).toString())
                || days.get(0).day().endsWith(after.minusDays(13).toString()), "oldest first: " + days);
        assertTrue(days.get(13).day().endsWith(before.toString()) || days.get(13).day().endsWith(after.toString()),
                "today last: " + days);
    }

    @Test
    @Order(5)
    @DisplayName("Recent denied requests: the helpdesk user's request, with the computer and the result code")
    void recentDenials() {
        List<DashboardPage.Denial> denials = open(DashboardPage.PATH, DashboardPage::new).denials();

        assertEquals(1, denials.size(), denials.toString());
        assertEquals(HELPDESK_USER, denials.get(0).user());
        assertEquals(KEYS_1, denials.get(0).computer());
        assertEquals("NO_MATCHING_RULE_FOR_USER", denials.get(0).resultCode());
        assertTrue(denials.get(0).time().startsWith(escrowDay.toString())
                || denials.get(0).time().startsWith(escrowDay.plusDays(1).toString()), denials.get(0).time());
    }

    @Test
    @Order(6)
    @DisplayName("Approved devices without a key, by name, with their last check-in; a name opens the Devices page")
    void devicesWithoutKeys() {
        DashboardPage page = open(DashboardPage.PATH, DashboardPage::new);
        List<DashboardPage.DeviceWithoutKey> devices = page.devicesWithoutKeys();

        assertEquals(List.of(NO_KEY_CHECKED_IN, NO_KEY_NEVER), devices.stream()
                .map(DashboardPage.DeviceWithoutKey::name).toList(), devices.toString());
        assertEquals("Default / AMS", devices.get(0).directory());
        assertFalse(devices.get(0).lastCheckIn().equals("never"), devices.toString());
        assertEquals("never", devices.get(1).lastCheckIn());
        assertEquals("", page.devicesWithoutKeysEmptyMessage());

        DevicesPage devicesPage = page.openDevice(NO_KEY_NEVER);

        assertTrue(browser.currentPath().endsWith("/admin/agent/devices.xhtml"), browser.currentPath());
        assertEquals(0, devicesPage.row(NO_KEY_NEVER).orElseThrow().keys());
    }

    private AgentDevice registered(String pin, String registrationKey, String name, String state) throws Exception {
        AgentDevice device = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "dashboard-agent-"),
                pin);
        assertSucceeded(device.register(registrationKey, name), state);
        return device;
    }

}
