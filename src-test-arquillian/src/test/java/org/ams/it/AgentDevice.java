package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.ams.agent.identity.DeviceAssertion;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.transport.ServerTrust;

/**
 * One simulated Windows device for tests: the real agent jar run on its own data directory against the test
 * server, and the agent API called directly with the device's own key, as a modified agent could.
 */
public final class AgentDevice {

    private final Path data;
    private final Path volumes;
    private final String pin;

    public AgentDevice(Path data, String pin) throws IOException {
        this.data = data;
        this.volumes = Files.createDirectories(data.resolveSibling(data.getFileName() + "-volumes"));
        this.pin = pin;
    }

    /** The agent's data directory: its state, key and rotation journal. */
    public Path dataDirectory() {
        return data;
    }

    public static String server() {
        return ConsoleSetup.httpsServer();
    }

    /** Runs {@code ams-agent <command> ... --data-dir <this device>}. */
    public AgentProcess.Result run(String... arguments) throws Exception {
        // The command name comes first: picocli takes options after it.
        return AgentProcess.run(Stream.concat(Stream.of(arguments), Stream.of("--data-dir", data.toString()))
                .toArray(String[]::new));
    }

    public AgentProcess.Result register(String registrationKey, String deviceName) throws Exception {
        return run("register", "--server", server(), "--registration-key", registrationKey, "--pin-sha256", pin,
                "--device-name", deviceName);
    }

    /** A check-in that reads its volumes from one of the test's volumes files ({@code /volumes/<name>}). */
    public AgentProcess.Result checkIn(String volumesFile) throws Exception {
        return run("check-in", "--volumes-file", volumesFile(volumesFile));
    }

    /** The same check-in, started with extra JVM options and not waited for. */
    public AgentProcess.Running startCheckIn(String volumesFile, List<String> jvmOptions) throws IOException {
        return AgentProcess.start(jvmOptions, "check-in", "--volumes-file", volumesFile(volumesFile), "--data-dir",
                data.toString());
    }

    public String deviceId() throws IOException {
        String state = Files.readString(data.resolve("agent-state.json"));
        return Json.createReader(new StringReader(state)).readObject().getString("deviceId");
    }

    /** A fresh assertion signed with the device's key, for one call. */
    public String assertion() throws IOException {
        return new DeviceAssertion(DeviceKey.load(data), Clock.systemUTC()).sign(deviceId(), server());
    }

    public HttpResponse<String> post(String call, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ServerTrust.pinned(pin).sslContext())
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server() + "/api/agent/v1/" + call))
                .header("Content-Type", "application/json").header("Authorization", "Device " + assertion())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The response is the API's refusal with this status and code, and a message in words. */
    public static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(code, error.getString("code"), response.body());
        assertFalse(error.getString("message").isBlank());
    }

    /**
     * This device's copy of one of the test's volumes files: what its simulated BitLocker holds now (a rotation
     * rewrites it).
     */
    public Path volumes(String name) throws IOException {
        return Path.of(volumesFile(name));
    }

    private String volumesFile(String name) throws IOException {
        Path file = volumes.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = AgentDevice.class.getResourceAsStream("/volumes/" + name)) {
                Files.copy(in, file);
            }
        }
        return file.toString();
    }
}
