package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ams.protocol.RecoveryPassword;

/**
 * Real agents checking in one after the other through a balancer while its servers are restarted (ClusterIT) or
 * upgraded (RollingUpgradeIT), each time with a new recovery password on a new protector of the device's C: drive,
 * until told to stop. What was acknowledged (exit 0) and what was not is kept, and {@link #assertNothingLost()}
 * checks it against the database.
 */
final class RollingCheckIns implements Runnable {

    private static final String PROTECTOR_PREFIX = "{7A0C0000-";

    private final List<AgentDevice> devices;
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final Path[] unacknowledged;
    private final String[] lastAcknowledged;
    private final SecureRandom random = new SecureRandom();
    private final Thread thread = new Thread(this, "rolling-check-ins");
    private volatile int failed;
    private volatile String problem;
    private volatile boolean stopped;
    private volatile int checkInsSinceMark = -1;

    private RollingCheckIns(List<AgentDevice> devices) {
        this.devices = List.copyOf(devices);
        this.unacknowledged = new Path[devices.size()];
        this.lastAcknowledged = new String[devices.size()];
    }

    /** The devices' check-ins, started on a thread of their own. */
    static RollingCheckIns start(List<AgentDevice> devices) {
        RollingCheckIns checkIns = new RollingCheckIns(devices);
        checkIns.thread.start();
        return checkIns;
    }

    @Override
    public void run() {
        int round = 0;
        while (!stopped) {
            round++;
            for (int i = 0; i < devices.size() && !stopped; i++) {
                try {
                    Path volumes = newVolumes(i, round);
                    AgentProcess.Result result = devices.get(i).run("check-in", "--volumes-file",
                            volumes.toString());
                    if (result.exitCode() == 0) {
                        acknowledged.add(protectorOf(i, volumes));
                        lastAcknowledged[i] = protectorOf(i, volumes);
                        unacknowledged[i] = null;
                    } else {
                        failed++;
                        unacknowledged[i] = volumes;
                    }
                    if (checkInsSinceMark >= 0) {
                        checkInsSinceMark++;
                    }
                } catch (Exception e) {
                    problem = e.toString();
                    return;
                }
            }
        }
    }

    /** Waits until {@code count} more check-ins ran from now on (e.g. after the servers are back). */
    void awaitMoreCheckIns(int count) throws InterruptedException {
        checkInsSinceMark = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (checkInsSinceMark < count && problem == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(checkInsSinceMark >= count, () -> "only " + checkInsSinceMark + " check-ins ran in 3 minutes");
    }

    /** Stops the check-ins after the one under way and waits for it. */
    void stop() throws InterruptedException {
        stopped = true;
        thread.join(Duration.ofMinutes(2).toMillis());
    }

    /**
     * After {@link #stop()}: every agent whose last check-in failed sends the same volumes again, as its next
     * scheduled check-in does; then every key an agent saw acknowledged is stored exactly once, and each device's
     * last acknowledged key is its C: drive's current one.
     */
    void assertNothingLost(String label) throws Exception {
        assertTrue(problem == null, () -> "the check-ins could not go on: " + problem);
        System.out.printf("[%s] %d check-ins with new keys, %d failed and were repeated%n", label,
                acknowledged.size() + failed, failed);
        for (int i = 0; i < devices.size(); i++) {
            Path pending = unacknowledged[i];
            if (pending != null) {
                AgentProcess.Result again = devices.get(i).run("check-in", "--volumes-file", pending.toString());
                assertEquals(0, again.exitCode(), again.output());
                acknowledged.add(protectorOf(i, pending));
                lastAcknowledged[i] = protectorOf(i, pending);
            }
        }
        assertTrue(acknowledged.size() >= devices.size(), "check-ins acknowledged: " + acknowledged.size());
        Map<String, Integer> storedTimes = new HashMap<>();
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet stored = connection.createStatement().executeQuery("SELECT protector_id, COUNT(*)"
                     + " FROM recovery_key GROUP BY protector_id")) {
            while (stored.next()) {
                storedTimes.put(stored.getString(1).toUpperCase(Locale.ROOT), stored.getInt(2));
            }
        }
        for (String protector : acknowledged) {
            assertEquals(1, storedTimes.getOrDefault(protector.toUpperCase(Locale.ROOT), 0),
                    "an acknowledged key is stored exactly once: " + protector);
        }
        List<String> current = new ArrayList<>();
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT protector_id FROM recovery_key"
                     + " WHERE current_flag AND protector_id LIKE '" + PROTECTOR_PREFIX + "%'")) {
            while (rows.next()) {
                current.add(rows.getString(1).toUpperCase(Locale.ROOT));
            }
        }
        List<String> expected = new ArrayList<>();
        for (String last : lastAcknowledged) {
            expected.add(last.toUpperCase(Locale.ROOT));
        }
        assertEquals(expected.stream().sorted().toList(), current.stream().sorted().toList(),
                "each device's last acknowledged key is its current one");
    }

    /** Device {@code i}'s C: drive holding a new protector with a new recovery password (never printed). */
    private Path newVolumes(int i, int round) throws IOException {
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        random.nextBytes(key);
        String password = RecoveryPassword.fromKeyBytes(key).formatted();
        String json = Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("mountPoint", "C:")
                .add("volumeId", "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\")
                .add("volumeType", 0).add("conversionStatus", 1).add("protectionStatus", 1)
                .add("recoveryPasswords", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("protectorId", protector(i, round)).add("recoveryPassword", password))))
                .build().toString();
        Path file = devices.get(i).volumes("four-volumes.json").resolveSibling("rolling-" + round + ".json");
        Files.writeString(file, json);
        return file;
    }

    private static String protector(int device, int round) {
        return String.format(PROTECTOR_PREFIX + "0000-4000-8000-%06d%06d}", device, round);
    }

    private static String protectorOf(int device, Path volumes) {
        String name = volumes.getFileName().toString();
        return protector(device, Integer.parseInt(name.substring("rolling-".length(), name.indexOf('.'))));
    }
}
