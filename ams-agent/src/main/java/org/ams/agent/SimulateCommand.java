package org.ams.agent;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ams.agent.identity.DeviceAssertion;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.transport.AgentClient;
import org.ams.agent.transport.ServerTrust;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.RegistrationRequest;
import org.ams.protocol.wire.VolumeKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Load for a test server: N simulated devices run the real protocol code (register, check in, escrow) and the
 * command prints throughput and latency percentiles per operation. The recovery passwords are random, valid ones.
 * Use a registration key that needs no approval, and a server you may fill with test devices.
 * <p>
 * No rotation mode yet. Its seam: give each simulated device an in-memory {@code VolumeSource} (the volumes it
 * uploaded, writable like {@code VolumesFile}) and {@code RotationJournal.inMemory()}, and run
 * {@code KeyRotation.run} with the check-in's {@code rotateProtectorIds}; it uploads each replacement with
 * {@code replacesProtectorId} and keeps the results for the next check-in's {@code rotationResults}, exactly as the
 * real agent does, so the measured path is the real one.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate many agents against a test server and print throughput and latency.")
class SimulateCommand implements Callable<Integer> {

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

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private record Simulated(String id, DeviceKey key, DeviceFacts facts) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AgentClient client = new AgentClient(server, ServerTrust.pinned(pin));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<Simulated> fleet = new ArrayList<>();
            Measurement registrations = measure(pool, devices, i -> {
                DeviceKey key = DeviceKey.generate();
                DeviceFacts facts = new DeviceFacts("SIM-" + run + "-" + i, null, "Simulated", "1", "simulate");
                String id = client.register(new RegistrationRequest(registrationKey, key.publicKeyBase64(), facts))
                        .deviceId();
                synchronized (fleet) {
                    fleet.add(new Simulated(id, key, facts));
                }
            });
            out.println(registrations.report("register"));
            X509Certificate[] certificate = new X509Certificate[1];
            Measurement checkIns = measure(pool, fleet.size() * checkInsPerDevice, i -> {
                Simulated device = fleet.get(i % fleet.size());
                CheckInResponse response = client.checkIn(new CheckInRequest(device.facts(), List.of(), List.of()),
                        sign(device));
                if (certificate[0] == null && response.encryptionCertificate() != null) {
                    certificate[0] = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(response.encryptionCertificate())));
                }
            });
            out.println(checkIns.report("check-in (nothing to upload)"));
            if (certificate[0] == null) {
                out.println("The server has no active encryption certificate (or the devices await approval): "
                        + "no keys uploaded.");
                return 0;
            }
            EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
            SecureRandom random = new SecureRandom();
            Measurement uploads = measure(pool, fleet.size(), i -> {
                Simulated device = fleet.get(i);
                List<ProtectorKey> keys = new ArrayList<>();
                for (int k = 0; k < keysPerDevice; k++) {
                    byte[] material = new byte[16];
                    random.nextBytes(material);
                    keys.add(ProtectorKey.escrow("{" + UUID.randomUUID().toString().toUpperCase() + "}", Base64.getEncoder()
                            .encodeToString(encryptor.seal(RecoveryPassword.fromKeyBytes(material), certificate[0]))));
                    Arrays.fill(material, (byte) 0);
                }
                client.uploadKeys(new KeyUploadRequest(List.of(new VolumeKeys("\\\\?\\Volume{" + UUID.randomUUID()
                        + "}\\", "C:", "OS", keys))), sign(device));
            });
            out.println(uploads.report("key upload (" + keysPerDevice + " keys)") + String.format(
                    "; %.0f keys/s", uploads.throughput() * keysPerDevice));
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    private String sign(Simulated device) {
        return new DeviceAssertion(device.key(), Clock.systemUTC()).sign(device.id(), server);
    }

    @FunctionalInterface
    private interface Operation {
        void run(int index) throws Exception;
    }

    private Measurement measure(ExecutorService pool, int count, Operation operation) throws Exception {
        long[] nanos = new long[count];
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                operation.run(index);
                nanos[index] = System.nanoTime() - t0;
                return null;
            }));
        }
        int failures = 0;
        String firstFailure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = e.getCause().getMessage();
                }
            }
        }
        return new Measurement(count, failures, firstFailure, System.nanoTime() - started, nanos);
    }

    private record Measurement(int count, int failures, String firstFailure, long elapsedNanos, long[] nanos) {

        double throughput() {
            return (count - failures) / (elapsedNanos / 1e9);
        }

        String report(String operation) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return String.format("%-32s %6d ok %4d failed  %8.1f/s  p50 %6.1f ms  p99 %6.1f ms%s", operation,
                    count - failures, failures, throughput(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                    firstFailure == null ? "" : "  (first failure: " + firstFailure + ")");
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }
}
