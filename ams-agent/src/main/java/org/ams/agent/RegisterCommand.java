package org.ams.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.state.AgentState;
import org.ams.agent.state.AgentStateStore;
import org.ams.agent.transport.AgentApiException;
import org.ams.agent.transport.AgentClient;
import org.ams.agent.transport.ServerTrust;
import org.ams.protocol.wire.RegistrationRequest;
import org.ams.protocol.wire.RegistrationResponse;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Joins this device to an AMS server with a registration key an administrator created. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register this device with an AMS server.")
class RegisterCommand implements Callable<Integer> {

    @Mixin
    private DataDirectory dataDirectory;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The AMS server, e.g. https://ams.example.com:8443")
    private String server;

    @Option(names = "--registration-key", required = true, paramLabel = "KEY",
            description = "A registration key from Access Manager Agent / Agent registration.")
    private String registrationKey;

    @ArgGroup(exclusive = true)
    private Trust trust = new Trust();

    @Option(names = "--device-name", paramLabel = "NAME", hidden = true,
            description = "Report this name instead of the computer's (for simulations and tests).")
    private String deviceName;

    static class Trust {
        @Option(names = "--pin-sha256", paramLabel = "FINGERPRINT",
                description = "Trust only the server certificate with this SHA-256 fingerprint (AMS prints it).")
        String pin;

        @Option(names = "--trust-store", paramLabel = "FILE",
                description = "Trust the certificate authorities in this PKCS#12 or JKS file.")
        Path trustStore;
    }

    @Option(names = "--trust-store-password", paramLabel = "PASSWORD", description = "Password of --trust-store.")
    private String trustStorePassword;

    @Override
    public Integer call() throws IOException {
        if (!server.startsWith("https://")) {
            spec.commandLine().getErr().println("The server URL must start with https:// (recovery passwords travel "
                    + "over it).");
            return ExitCodes.USAGE;
        }
        ServerTrust serverTrust;
        try {
            serverTrust = trust.pin != null ? ServerTrust.pinned(trust.pin)
                    : trust.trustStore != null ? ServerTrust.trustStore(trust.trustStore,
                    trustStorePassword == null ? null : trustStorePassword.toCharArray())
                    : ServerTrust.systemDefault();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
        Path directory = dataDirectory.path();
        DeviceKey key = DeviceKey.loadOrCreate(directory);
        AgentClient client = new AgentClient(server, serverTrust);
        RegistrationResponse response;
        try {
            response = client.register(new RegistrationRequest(registrationKey, key.publicKeyBase64(),
                    ThisDevice.facts(deviceName)));
        } catch (AgentApiException e) {
            spec.commandLine().getErr().println("Registration failed: " + e.getMessage());
            return e.transientFailure() ? ExitCodes.TEMPORARY : ExitCodes.REFUSED;
        }
        new AgentStateStore(directory).save(new AgentState(client.serverUrl(), response.deviceId(), deviceName,
                trust.pin, trust.trustStore == null ? null : trust.trustStore.toAbsolutePath().toString(),
                trustStorePassword, Instant.now(Clock.systemUTC()), response.state(), null, null, null));
        spec.commandLine().getOut().println("Registered with " + client.serverUrl() + " as device "
                + response.deviceId() + " (" + response.state() + ").");
        return ExitCodes.OK;
    }
}
