package org.ams.agent;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ams.agent.bitlocker.BitLockerVolume;
import org.ams.agent.bitlocker.InMemoryVolumes;
import org.ams.agent.bitlocker.RecoveryPasswordProtector;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.state.RotationJournal;
import org.ams.agent.transport.AgentClient;
import org.ams.agent.transport.ServerTrust;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.DriveType;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.RegistrationRequest;
import org.ams.protocol.wire.VolumeKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Load for a test server: N simulated devices run the real protocol code (register, check in, escrow) and the
 * command prints throughput and latency percentiles per operation. Each device has {@code --keys} BitLocker volumes
 * held in memory ({@link InMemoryVolumes}: C: and fixed data drives), each with one random, valid recovery password,
 * and uploads them in one request. Use a registration key that needs no approval, and a server you may fill with test
 * devices.
 * <p>
 * With {@code --rotation} the command goes on to an incident rotation ({@link IncidentRotation}): it prints a
 * {@value #READY} line and waits for a line on standard input, to be sent once the server has been asked to rotate
 * every key of the simulated devices (the console's incident response for their device group). Then each device runs
 * the agent's own check-in cycle and {@code KeyRotation} against its in-memory volumes and
 * {@code RotationJournal.inMemory()}: check in, replace each protector asked for (upload with
 * {@code replacesProtectorId}, delete the old one), report at the next check-in. The command prints the replacement
 * keys acknowledged per second over the whole phase (its check-ins included) against the plain upload's keys per
 * second, and exits {@value #NOT_CONVERGED} unless every device converged.
 * <p>
 * A failed request is counted apart from the successful ones (with the time it took to fail, never as 0 ms); when
 * any failed, the command says so last and exits {@value #REQUESTS_FAILED}, whatever else it measured.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate many agents against a test server and print throughput and latency.")
class SimulateCommand implements Callable<Integer> {

    /** Starts the line that says the plain phase is over and the command waits for the go-ahead to rotate. */
    static final String READY = "READY";
    /** The exit code when a device did not converge after the rotation, or the go-ahead never came. */
    static final int NOT_CONVERGED = 1;
    /** The exit code when a request failed: the figures printed are not those of a clean run. */
    static final int REQUESTS_FAILED = 4;

    @Option(names = "--server", required = true, paramLabel = "URL")
    private String server;

    @Option(names = "--registration-key", required = true, paramLabel = "KEY",
            description = "A key without approval and with room for --devices registrations.")
    private String registrationKey;

    @Option(names = "--pin-sha256", required = true, paramLabel = "FINGERPRINT")
    private String pin;

    @Option(names = "--devices", defaultValue = "100", description = "Simulated devices (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--check-ins", defaultValue = "5",
            description = "Check-ins per device that upload nothing (default: ${DEFAULT-VALUE}).")
    private int checkInsPerDevice;

    @Option(names = "--keys", defaultValue = "2", description = "Recovery passwords per device (default: ${DEFAULT-VALUE}).")
    private int keysPerDevice;

    @Option(names = "--threads", defaultValue = "16", description = "Concurrent requests (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--rotation",
            description = "After the key upload, print a READY line and wait for a line on standard input, sent once "
                    + "the server was asked to rotate every key of these devices; then rotate them as agents do and "
                    + "print the rotation-phase key-upload rate against the plain one. Exits 1 unless every device "
                    + "converges.")
    private boolean rotation;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AgentClient client = new AgentClient(server, ServerTrust.pinned(pin));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        SecureRandom random = new SecureRandom();
        try {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<SimulatedDevice> fleet = new ArrayList<>();
            Measurement registrations = Measurement.of(pool, devices, i -> {
                DeviceKey key = DeviceKey.generate();
                DeviceFacts facts = new DeviceFacts("SIM-" + run + "-" + i, null, "Simulated", "1", "simulate");
                String id = client.register(new RegistrationRequest(registrationKey, key.publicKeyBase64(), facts))
                        .deviceId();
                SimulatedDevice device = new SimulatedDevice(id, key, facts,
                        InMemoryVolumes.encrypted(keysPerDevice, random), RotationJournal.inMemory());
                synchronized (fleet) {
                    fleet.add(device);
                }
            });
            out.println(registrations.report("register"));
            X509Certificate[] certificate = new X509Certificate[1];
            Measurement checkIns = Measurement.of(pool, fleet.size() * checkInsPerDevice, i -> {
                SimulatedDevice device = fleet.get(i % fleet.size());
                CheckInResponse response = client.checkIn(new CheckInRequest(device.facts(), List.of(), List.of(), null),
                        device.assertion(server));
                if (certificate[0] == null && response.encryptionCertificate() != null) {
                    certificate[0] = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(response.encryptionCertificate())));
                }
            });
            out.println(checkIns.report("check-in (nothing to upload)"));
            if (certificate[0] == null && !fleet.isEmpty()) {
                // With no check-ins asked for, the first device's check-in fetches the certificate.
                SimulatedDevice first = fleet.get(0);
                String encoded = client.checkIn(new CheckInRequest(first.facts(), List.of(), List.of(), null),
                        first.assertion(server)).encryptionCertificate();
                if (encoded != null) {
                    certificate[0] = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(encoded)));
                }
            }
            if (certificate[0] == null) {
                out.println("The server has no active encryption certificate (or the devices await approval): "
                        + "no keys uploaded.");
                return failures(out, registrations, checkIns).orElse(rotation ? NOT_CONVERGED : 0);
            }
            EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
            Measurement uploads = Measurement.of(pool, fleet.size(), i -> client.uploadKeys(
                    escrowRequest(fleet.get(i), encryptor, certificate[0]), fleet.get(i).assertion(server)));
            double plainKeysPerSecond = uploads.throughput() * keysPerDevice;
            out.println(uploads.report("key upload (" + keysPerDevice + " keys)") + String.format(
                    "; %.0f keys/s", plainKeysPerSecond));
            // A device's first escrow is one check-in and one upload: with one check-in per device, both phases
            // together are that cycle for the whole fleet.
            double cycleKeysPerSecond = checkInsPerDevice != 1 ? 0 : (double) uploads.count() * keysPerDevice
                    / ((checkIns.elapsedNanos() + uploads.elapsedNanos()) / 1e9);
            if (cycleKeysPerSecond > 0) {
                out.println(String.format("escrow cycle (one check-in and one upload per device): %.1f keys/s",
                        cycleKeysPerSecond));
            }
            int rotated = rotation ? rotate(fleet, client, pool, plainKeysPerSecond, cycleKeysPerSecond, out) : 0;
            return failures(out, registrations, checkIns, uploads).orElse(rotated);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every recovery password of the device, sealed, in one request: what the agent's first check-in uploads. */
    /** Says how many requests failed, if any did, and returns {@value #REQUESTS_FAILED} then. */
    private static Optional<Integer> failures(PrintWriter out, Measurement... measured) {
        int failed = Arrays.stream(measured).mapToInt(Measurement::failures).sum();
        if (failed == 0) {
            return Optional.empty();
        }
        out.println(failed + " request(s) failed: these figures are not those of a clean run.");
        return Optional.of(REQUESTS_FAILED);
    }

    static KeyUploadRequest escrowRequest(SimulatedDevice device, EnvelopeEncryptor encryptor,
                                          X509Certificate certificate) throws EnvelopeException {
        List<VolumeKeys> volumes = new ArrayList<>();
        for (BitLockerVolume volume : device.volumes().volumes()) {
            List<ProtectorKey> keys = new ArrayList<>();
            for (RecoveryPasswordProtector protector : volume.recoveryPasswords()) {
                char[] typed = protector.password();
                try {
                    keys.add(ProtectorKey.escrow(protector.protectorId(), Base64.getEncoder().encodeToString(
                            encryptor.seal(RecoveryPassword.parse(typed), certificate))));
                } finally {
                    Arrays.fill(typed, '\0');
                }
            }
            volumes.add(new VolumeKeys(volume.volumeId(), volume.mountPoint(),
                    volume.driveType().orElse(DriveType.FIXED).name(), keys));
        }
        return new KeyUploadRequest(volumes);
    }

    private int rotate(List<SimulatedDevice> fleet, AgentClient client, ExecutorService pool,
                       double plainKeysPerSecond, double cycleKeysPerSecond, PrintWriter out)
            throws IOException, InterruptedException {
        int keys = fleet.stream().map(SimulatedDevice::volumes).map(InMemoryVolumes::protectorIds)
                .map(Map::values).mapToInt(ids -> ids.stream().mapToInt(List::size).sum()).sum();
        out.println(READY + ": " + fleet.size() + " devices hold " + keys + " recovery passwords. Ask the server to "
                + "rotate them (the console's incident response for their device group), then send a line to "
                + "standard input.");
        out.flush();
        if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() == null) {
            out.println("Standard input ended before the go-ahead: no rotation.");
            return NOT_CONVERGED;
        }
        IncidentRotation.Outcome outcome = new IncidentRotation(pool, Clock.systemUTC())
                .run(fleet, device -> client, server);
        out.println(outcome.checkIns().report("check-in (rotation phase)"));
        out.println(outcome.replacementUploads().report("replacement upload (a device's keys)"));
        out.println(String.format("rotation: %d completed, %d failed; %d of %d devices converged (one new recovery "
                        + "password per volume, held by the server) in %.1f s", outcome.completed(), outcome.failed(),
                outcome.converged(), outcome.devices(), outcome.devicesRun().elapsedNanos() / 1e9));
        out.println(String.format("rotation-phase key upload: %.1f keys/s, %.2f of the plain key-upload rate "
                        + "(%.1f keys/s)", outcome.keysPerSecond(),
                plainKeysPerSecond == 0 ? 0 : outcome.keysPerSecond() / plainKeysPerSecond, plainKeysPerSecond));
        if (cycleKeysPerSecond > 0) {
            out.println(String.format("rotation cycle against the escrow cycle: %.2f (a rotation is a check-in, the "
                    + "upload and the check-in that reports; a first escrow a check-in and the upload)",
                    outcome.keysPerSecond() / cycleKeysPerSecond));
        }
        outcome.problems().forEach(problem -> out.println("not converged: " + problem));
        return outcome.allConverged() && outcome.failed() == 0 ? 0 : NOT_CONVERGED;
    }
}
