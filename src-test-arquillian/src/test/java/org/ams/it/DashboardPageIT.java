package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.DashboardPage;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.RequestAccessPage;
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
 * Shares the server: the figures are read before the data set is made, and each tile must have grown by exactly what
 * this class made (the classes on the shared server run one after the other, so nothing else changes them
 * meanwhile); the devices without a key are looked for on every page of that table.
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
    private static final String HELPDESK_USER = "dash-dana";
    private static final String HELPDESK_PASSWORD = "Dana-Helpdesk-2026";

    private static final List<String> TILES = List.of("devices-approved", "devices-pending", "devices-rejected",
            "devices-disabled", "devices-deleted", "devices-with-keys", "devices-without-keys", "stale-devices",
            "never-checked-in");

    /** The UTC day the agents escrowed their keys. */
    private static LocalDate escrowDay;
    /** Each tile before the data set was made, with 30 days' staleness; and the stale tile with 7 days'. */
    private static Map<String, Long> before;
    private static long staleFor7DaysBefore;
    private static long escrowedInWindowBefore;
    private static long withoutKeysTotalBefore;

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
        DashboardPage dashboard = open(DashboardPage.PATH, DashboardPage::new);
        before = new HashMap<>();
        TILES.forEach(tile -> before.put(tile, dashboard.tile(tile)));
        escrowedInWindowBefore = dashboard.escrowDays().stream().mapToLong(DashboardPage.EscrowDay::keys).sum();
        withoutKeysTotalBefore = dashboard.devicesWithoutKeysTotal();
        dashboard.staleAfter(7);
        staleFor7DaysBefore = dashboard.tile("stale-devices");

        AgentRegistrationPage registration = console.agentRegistration();
        if (!registration.agentSupportStatus().contains("enabled")) {
            registration.enableAgentSupport();
        }
        String open = console.agentRegistration().addKey("Dashboard IT", null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        String approvalRequired = console.agentRegistration().addKey("Dashboard IT approval", null, true);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        console.createActive2048BitCertificate("AMS dashboard IT", "Dashboard-IT-backup-1");

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

        DevicesPage devices = open(DevicesPage.PATH, DevicesPage::new).filterByName("DASH-");
        devices.disable(DISABLED);
        new DevicesPage(browser).delete(DELETED);
        new DevicesPage(browser).reject(REJECTED);
        assertEquals("REJECTED", new DevicesPage(browser).row(REJECTED).orElseThrow().state());

        console.addHelpdeskAccount(HELPDESK_USER, "Dana Desk", HELPDESK_PASSWORD);
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

        assertEquals(4, grown(page, "devices-approved"), "two with keys, two without");
        assertEquals(1, grown(page, "devices-pending"));
        assertEquals(1, grown(page, "devices-rejected"));
        assertEquals(1, grown(page, "devices-disabled"));
        assertEquals(1, grown(page, "devices-deleted"));
        assertEquals(2, grown(page, "devices-with-keys"));
        assertEquals(2, grown(page, "devices-without-keys"));
        assertEquals("30", page.text("stale-days"));
        assertEquals(1, grown(page, "stale-devices"), "the approved device that never checked in");
        assertEquals(1, grown(page, "never-checked-in"));

        page.staleAfter(7);

        assertEquals("7", page.text("stale-days"));
        assertEquals(1, page.tile("stale-devices") - staleFor7DaysBefore);
        assertEquals(2, grown(page, "devices-without-keys"), "the other tiles stay");
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
        assertEquals(4, days.stream().mapToLong(DashboardPage.EscrowDay::keys).sum() - escrowedInWindowBefore,
                days.toString());
        DashboardPage.EscrowDay escrowed = days.stream().filter(day -> day.day().endsWith(escrowDay.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + escrowDay + ": " + days));
        assertTrue(escrowed.keys() >= 4, escrowed.toString());
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

        assertFalse(denials.isEmpty(), "newest first: the last denial made is this class's");
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
        long total = page.devicesWithoutKeysTotal();
        List<DashboardPage.DeviceWithoutKey> all = page.devicesWithoutKeysOnEveryPage();
        List<DashboardPage.DeviceWithoutKey> devices = all.stream()
                .filter(device -> device.name().startsWith("DASH-")).toList();

        assertEquals(2, total - withoutKeysTotalBefore, "the paginator counts the two devices without a key");
        assertEquals(total, all.size(), "every page read once");
        assertEquals(List.of(NO_KEY_CHECKED_IN, NO_KEY_NEVER), devices.stream()
                .map(DashboardPage.DeviceWithoutKey::name).toList(), devices.toString());
        assertEquals("Default / AMS", devices.get(0).directory());
        assertFalse(devices.get(0).lastCheckIn().equals("never"), devices.toString());
        assertEquals("never", devices.get(1).lastCheckIn());
        assertEquals("", page.devicesWithoutKeysEmptyMessage());

        DevicesPage devicesPage = open(DashboardPage.PATH, DashboardPage::new).openDevice(NO_KEY_NEVER);

        assertTrue(browser.currentPath().endsWith("/admin/agent/devices.xhtml"), browser.currentPath());
        assertEquals(0, devicesPage.filterByName(NO_KEY_NEVER).row(NO_KEY_NEVER).orElseThrow().keys());
    }

    private static long grown(DashboardPage page, String tile) {
        return page.tile(tile) - before.get(tile);
    }

    private AgentDevice registered(String pin, String registrationKey, String name, String state) throws Exception {
        AgentDevice device = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "dashboard-agent-"),
                pin);
        assertSucceeded(device.register(registrationKey, name), state);
        return device;
    }

}
