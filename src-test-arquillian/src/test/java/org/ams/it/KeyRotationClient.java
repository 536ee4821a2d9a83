package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.RequestAccessPage;

/**
 * The client side of {@link KeyRotationIT}: the browser and the real agent jar, one agent per device, each with its
 * own copy of its volumes file as its simulated BitLocker. Kept apart from the test class, which the server loads too.
 */
final class KeyRotationClient {

    private static Browser browser;
    private static URL base;
    private static final Map<String, AgentDevice> AGENTS = new LinkedHashMap<>();

    private KeyRotationClient() {
    }

    static void start(URL server) {
        browser = Browser.shared();
        base = server;
    }

    /**
     * The administrator adds a registration key per tenant in the console; each device's agent registers with its
     * tenant's key and escrows both volumes of its file.
     */
    static void registerAgents(Map<String, String> deviceTenants) throws Exception {
        signIn("admin", TestEnvironment.adminPassword());
        Map<String, String> keys = new LinkedHashMap<>();
        for (String tenant : deviceTenants.values()) {
            if (!keys.containsKey(tenant)) {
                AgentRegistrationPage page = new ConsoleSetup(browser, base, Browser.sharedDownloads())
                        .agentRegistration();
                keys.put(tenant, page.addKey(tenant, "Rotation IT " + tenant, null, false));
                new AgentRegistrationPage(browser).confirmKeyCopied();
            }
        }
        String pin = ConsoleSetup.servedFingerprint();
        for (Map.Entry<String, String> device : deviceTenants.entrySet()) {
            AgentDevice agent = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "rotation-agent-"),
                    pin);
            AGENTS.put(device.getKey(), agent);
            assertSucceeded(agent.register(keys.get(device.getValue()), device.getKey()), "(APPROVED)");
            assertSucceeded(checkIn(device.getKey()), "2 escrowed");
        }
    }

    static AgentProcess.Result checkIn(String device) throws Exception {
        return AGENTS.get(device).checkIn(volumesFile(device));
    }

    /** Protector id to recovery password, as the device's simulated BitLocker holds them now. */
    static Map<String, String> onDevice(String device) throws Exception {
        Map<String, String> protectors = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(
                AGENTS.get(device).volumes(volumesFile(device)))))) {
            JsonArray volumes = reader.readArray();
            for (JsonObject volume : volumes.getValuesAs(JsonObject.class)) {
                for (JsonObject protector : volume.getJsonArray("recoveryPasswords").getValuesAs(JsonObject.class)) {
                    protectors.put(protector.getString("protectorId"), protector.getString("recoveryPassword"));
                }
            }
        }
        return protectors;
    }

    /**
     * The user is shown the computer's passwords: each is the escrowed one and says the device will replace it; then
     * the passwords of a computer whose policy keeps shown passwords, which say only who was shown them.
     */
    static void shownAndToBeReplaced(String user, String password, String device, String keeping, String reason)
            throws Exception {
        Map<String, String> onDevice = onDevice(device);
        List<RequestAccessPage.Key> keys = showPasswords(user, password, device, reason);

        assertEquals(onDevice.keySet(), keys.stream().map(RequestAccessPage.Key::protectorId)
                .collect(Collectors.toSet()), keys.toString());
        for (RequestAccessPage.Key key : keys) {
            assertTrue(key.current(), key.toString());
            assertEquals(onDevice.get(key.protectorId()), key.password(), "the escrowed password of " + key.keyId());
            assertTrue(key.lifecycle().matches("Shown to " + user + " at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; the "
                    + "device will replace it at its next check-in\\."), key.lifecycle());
        }

        List<RequestAccessPage.Key> kept = showPasswords(user, password, keeping, reason);
        assertEquals(2, kept.size(), kept.toString());
        for (RequestAccessPage.Key key : kept) {
            assertTrue(key.lifecycle().matches("Shown to " + user + " at [^;]+ UTC\\."),
                    "its policy keeps shown passwords: " + key.lifecycle());
        }
    }

    /** The next check-in replaces both protectors on the device; the one after has nothing new to escrow. */
    static void deviceRotates(String device) throws Exception {
        Map<String, String> before = onDevice(device);

        assertSucceeded(checkIn(device), "2 rotated");

        Map<String, String> after = onDevice(device);
        assertEquals(2, after.size(), "one recovery password per volume: " + after.keySet());
        assertTrue(after.keySet().stream().noneMatch(before::containsKey), "the replaced protectors are gone");
        assertTrue(after.values().stream().noneMatch(before::containsValue), "new passwords");
        assertSucceeded(checkIn(device), "nothing new to escrow");
    }

    /** Shown again: the current passwords are the device's, and each history entry names its replacement. */
    static void newKeysShown(String user, String password, String device, String reason) throws Exception {
        Map<String, String> onDevice = onDevice(device);
        List<RequestAccessPage.Key> keys = showPasswords(user, password, device, reason);

        List<RequestAccessPage.Key> current = keys.stream().filter(RequestAccessPage.Key::current).toList();
        assertEquals(onDevice.keySet(), current.stream().map(RequestAccessPage.Key::protectorId)
                .collect(Collectors.toSet()), keys.toString());
        for (RequestAccessPage.Key key : current) {
            assertEquals(onDevice.get(key.protectorId()), key.password());
        }
        List<RequestAccessPage.Key> history = keys.stream().filter(key -> !key.current()).toList();
        assertEquals(2, history.size(), keys.toString());
        for (RequestAccessPage.Key old : history) {
            assertTrue(current.stream().anyMatch(key -> old.lifecycle().startsWith("Replaced by key ID "
                    + key.keyId() + " (protector " + key.protectorId() + ")")), old.lifecycle());
            assertTrue(old.password() != null && !old.password().isEmpty(), "history stays readable");
        }
    }

    /** Each device replaces both its protectors at its next check-in, and reports it at the one after. */
    static void devicesRotate(List<String> devices) throws Exception {
        for (String device : devices) {
            Map<String, String> before = onDevice(device);
            assertSucceeded(checkIn(device), "2 rotated");
            Map<String, String> after = onDevice(device);
            assertEquals(2, after.size(), device + ": " + after.keySet());
            assertTrue(after.keySet().stream().noneMatch(before::containsKey), device + " replaced both");
            assertSucceeded(checkIn(device), "nothing new to escrow");
        }
    }

    /** Signs in afresh as this user and asks for the computer's recovery passwords with a reason. */
    private static List<RequestAccessPage.Key> showPasswords(String user, String password, String device, String reason) {
        signIn(user, password);
        browser.driver().get(base + RequestAccessPage.PATH);
        RequestAccessPage page = new RequestAccessPage(browser);
        page.reason(reason);
        page.find(device);
        page.showPasswords();
        assertEquals(device, page.passwordsComputer());
        return page.keys();
    }

    static void assertSucceeded(AgentProcess.Result result, String expected) {
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(expected), result.output());
    }

    private static String volumesFile(String device) {
        return device.toLowerCase(java.util.Locale.ROOT) + ".json";
    }

    private static void signIn(String user, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "login.xhtml", LoginPage.class).signIn(user, password);
        browser.waitUntil(driver -> !browser.currentPath().endsWith("login.xhtml"));
        assertEquals(user, browser.on(HomePage.class).signedInUser());
    }
}
