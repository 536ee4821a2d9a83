package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.ams.it.browser.DevicesPage;
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
            assertSucceeded(checkIn(device.getKey()), " escrowed, 0 already held, 0 rejected, 0 invalid");
        }
    }

    /** The device's agent, as registered by {@link #registerAgents}. */
    static AgentDevice agent(String device) {
        return AGENTS.get(device);
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

    /** How the agent was stopped in the middle of a rotation, as the state it left on disk. */
    enum Stop {
        /** Its journal says it was about to ask BitLocker for a new protector, which BitLocker had not added. */
        BEFORE_ADDING,
        /** BitLocker added the protector; the agent stopped before it persisted the sealed password. */
        AFTER_ADDING,
        /** The sealed password was persisted; the server's certificate changed before the agent uploaded it. */
        SEALED_CERTIFICATE_CHANGED,
        /** The server stored the new key; the agent stopped before it persisted the acknowledgement. */
        STORED_NOT_ACKNOWLEDGED,
        /** The acknowledgement was persisted; the agent stopped before deleting the old protector. */
        ACKNOWLEDGED_NOT_DELETED,
        /** The old protector was deleted; the agent stopped before it persisted the result. */
        DELETED_NOT_RECORDED
    }

    /**
     * Leaves the device as an agent stopped at this point of the rotation of its one protector leaves it (the
     * volumes file and the rotation journal), runs the real agent's check-ins from there, and checks that the device
     * ends with exactly one recovery password, not the replaced one.
     */
    static void stoppedAndRestarted(String device, Stop stop) throws Exception {
        Map<String, String> before = onDevice(device);
        String old = before.keySet().iterator().next();
        java.nio.file.Path volumes = AGENTS.get(device).volumes(volumesFile(device));
        String volumeId = volumeIdOf(volumes);
        org.ams.agent.state.RotationJournalFile journal = new org.ams.agent.state.RotationJournalFile(
                AGENTS.get(device).dataDirectory());
        switch (stop) {
            case BEFORE_ADDING -> journal.save(rotation(old, volumeId, ADDING, List.of(old), null));
            case AFTER_ADDING -> {
                new org.ams.agent.bitlocker.VolumesFile(volumes).addRecoveryPasswordProtector(volumeId);
                journal.save(rotation(old, volumeId, ADDING, List.of(old), null));
            }
            case SEALED_CERTIFICATE_CHANGED -> {
                String added = new org.ams.agent.bitlocker.VolumesFile(volumes).addRecoveryPasswordProtector(volumeId);
                journal.save(rotation(old, volumeId, SEALED, List.of(old), added));
            }
            default -> {
                // The later points: a whole rotation, then the device put back as it was at that point.
                assertSucceeded(checkIn(device), "1 rotated");
                String replacement = onDevice(device).keySet().iterator().next();
                if (stop != Stop.DELETED_NOT_RECORDED) {
                    putBack(volumes, old, before.get(old));
                }
                journal.save(rotation(old, volumeId, stop == Stop.STORED_NOT_ACKNOWLEDGED ? SEALED : UPLOADED,
                        List.of(old), replacement));
            }
        }
        checkIn(device);
        checkIn(device);
        Map<String, String> after = onDevice(device);
        assertEquals(1, after.size(), stop + ": exactly one recovery password on the volume: " + after.keySet());
        assertFalse(after.containsKey(old), stop + ": the replaced one is gone");
    }

    private static final org.ams.agent.state.PendingRotation.Phase ADDING =
            org.ams.agent.state.PendingRotation.Phase.ADDING;
    private static final org.ams.agent.state.PendingRotation.Phase SEALED =
            org.ams.agent.state.PendingRotation.Phase.SEALED;
    private static final org.ams.agent.state.PendingRotation.Phase UPLOADED =
            org.ams.agent.state.PendingRotation.Phase.UPLOADED;

    /**
     * The journal of one rotation under way. A sealed one carries an envelope sealed to no certificate of the server
     * (as if the certificate had changed since): the agent seals the password again from BitLocker.
     */
    private static org.ams.agent.state.Rotations rotation(String old, String volumeId,
                                                          org.ams.agent.state.PendingRotation.Phase phase,
                                                          List<String> before, String replacement) {
        boolean sealed = phase == SEALED;
        return new org.ams.agent.state.Rotations(List.of(new org.ams.agent.state.PendingRotation(old, volumeId, "C:",
                "OS", phase, before, replacement, sealed ? "AAAA" : null, sealed ? "00".repeat(32) : null,
                java.time.Instant.now())), List.of());
    }

    private static String volumeIdOf(java.nio.file.Path volumes) throws Exception {
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(volumes)))) {
            return reader.readArray().getJsonObject(0).getString("volumeId");
        }
    }

    /** The replaced protector back on the (one) volume, as it was before the agent deleted it. */
    private static void putBack(java.nio.file.Path volumes, String protectorId, String password) throws Exception {
        JsonArray found;
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(volumes)))) {
            found = reader.readArray();
        }
        JsonObject volume = found.getJsonObject(0);
        JsonArray passwords = Json.createArrayBuilder(volume.getJsonArray("recoveryPasswords"))
                .add(Json.createObjectBuilder().add("protectorId", protectorId).add("recoveryPassword", password))
                .build();
        Files.writeString(volumes, Json.createArrayBuilder().add(Json.createObjectBuilder(volume)
                .add("recoveryPasswords", passwords)).build().toString());
    }

    /** The helpdesk user is shown the computer's current password: the one on the device. */
    static void currentPasswordIsTheDevices(String user, String password, String device, String reason)
            throws Exception {
        Map<String, String> onDevice = onDevice(device);
        List<RequestAccessPage.Key> current = showPasswords(user, password, device, reason).stream()
                .filter(RequestAccessPage.Key::current).toList();
        assertEquals(1, current.size(), device + ": " + current.stream().map(RequestAccessPage.Key::protectorId)
                .toList());
        // Compared, never shown: a failure message must not print a recovery password.
        assertTrue(current.get(0).password().equals(onDevice.get(current.get(0).protectorId())),
                device + ": AMS opens the volume's one recovery password");
    }

    /**
     * The administrator's keys dialog of the computer: each current key confirmed on the device at the agent's last
     * check-ins, each history key said to be replaced, and no recovery password anywhere in it.
     */
    static void keysConfirmedOnTheDevice(String device) throws Exception {
        Map<String, String> onDevice = onDevice(device);
        signIn("admin", TestEnvironment.adminPassword());
        browser.driver().get(base + DevicesPage.PATH);
        browser.waitForPage();
        DevicesPage.KeysDialog dialog = new DevicesPage(browser).filterByName(device).keys(device);
        List<DevicesPage.KeysDialog.Key> keys = dialog.keys();
        for (DevicesPage.KeysDialog.Key key : keys) {
            if (key.state().equals("Current")) {
                assertTrue(onDevice.containsKey(key.protectorId()), key.toString());
                assertTrue(key.onDevice().matches("Confirmed on the device at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC"),
                        key.onDevice());
            } else {
                assertTrue(key.history().startsWith("replaced by protector"), key.toString());
            }
        }
        assertEquals(onDevice.size(), keys.stream().filter(key -> key.state().equals("Current")).count());
        assertEquals(List.of(), dialog.notEscrowed(), "every protector on the device is escrowed");
        for (String password : onDevice.values()) {
            assertFalse(dialog.source().contains(password), "no recovery password in the dialog");
        }
        dialog.close();
    }

    /** The keys dialog names the protector the device reported that AMS does not hold. */
    static void keysDialogNamesTheUnescrowed(String device, String protectorId) {
        signIn("admin", TestEnvironment.adminPassword());
        browser.driver().get(base + DevicesPage.PATH);
        browser.waitForPage();
        DevicesPage.KeysDialog dialog = new DevicesPage(browser).filterByName(device).keys(device);
        assertEquals(List.of(protectorId), dialog.notEscrowed());
        dialog.close();
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

    static String volumesFile(String device) {
        return device.toLowerCase(java.util.Locale.ROOT) + ".json";
    }

    private static void signIn(String user, String password) {
        LoginPage.signInAfresh(browser, base, user, password);
    }
}
