package org.ams.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.ams.agent.escrow.AgentLog;
import org.ams.agent.escrow.EscrowCycle;
import org.ams.agent.state.Rotations;
import org.ams.agent.transport.AgentApiException;
import org.ams.agent.transport.AgentServer;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorResult;
import org.ams.protocol.wire.RotationResult;

/**
 * The rotation phase of {@code simulate --rotation}: after the server was asked to replace every escrowed key of the
 * fleet (the console's incident response), each simulated device runs the agent's own check-in cycle
 * ({@link EscrowCycle}, which runs {@code KeyRotation}) against its in-memory volumes and journal until the server
 * asks nothing more of it: the first check-in learns which protectors to replace, the device adds, seals and uploads
 * each replacement and deletes the old protector, the next check-in reports the results. A device whose upload met a
 * temporary failure resumes at its next check-in, as the agent does, up to {@link #MAX_CHECK_INS} check-ins.
 * <p>
 * Afterwards each device must have converged: every volume holds exactly one recovery-password protector, a new one
 * (every original protector was replaced), the journal holds nothing under way or unreported, and the server's last
 * answer asked for no rotation and named exactly the protectors on the device as the current keys it holds.
 */
final class IncidentRotation {

    /**
     * The check-in that asks, the one that reports, and four more for a device whose uploads met temporary failures
     * (each failed cycle costs one check-in: the replacements of a cycle are sent together).
     */
    static final int MAX_CHECK_INS = 6;
    /** How many devices that did not converge are described; the count covers them all. */
    static final int PROBLEMS_LISTED = 5;

    private final ExecutorService pool;
    private final Clock clock;
    private final EnvelopeEncryptor encryptor = new EnvelopeEncryptor();

    IncidentRotation(ExecutorService pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * What the phase did.
     *
     * @param completed       rotations the devices reported as done (and the server answered that check-in)
     * @param failed          rotations the devices reported as failed
     * @param replacementKeys replacement keys the server acknowledged (stored or already held)
     * @param problems        why some devices did not converge, at most {@link #PROBLEMS_LISTED}
     */
    record Outcome(int devices, int converged, int completed, int failed, int replacementKeys, Measurement devicesRun,
                   Measurement checkIns, Measurement replacementUploads, List<String> problems) {

        /** Every device converged (and there was at least one). */
        boolean allConverged() {
            return devices > 0 && converged == devices;
        }

        /** Replacement keys acknowledged per second of the whole phase, check-ins and reports included. */
        double keysPerSecond() {
            return devicesRun.elapsedNanos() == 0 ? 0 : replacementKeys / (devicesRun.elapsedNanos() / 1e9);
        }
    }

    /**
     * @param connect the server as one device reaches it (one shared client for the real server)
     * @param server  the server's address, the audience of each device assertion
     */
    Outcome run(List<SimulatedDevice> fleet, Function<SimulatedDevice, AgentServer> connect, String server)
            throws InterruptedException {
        Tally tally = new Tally();
        AtomicInteger converged = new AtomicInteger();
        List<String> problems = new ArrayList<>();
        AtomicInteger notConverged = new AtomicInteger();
        Measurement devicesRun = Measurement.of(pool, fleet.size(), i -> {
            SimulatedDevice device = fleet.get(i);
            Optional<String> problem = rotate(device, new DeviceConnection(connect.apply(device), tally), server);
            if (problem.isEmpty()) {
                converged.incrementAndGet();
            } else if (notConverged.getAndIncrement() < PROBLEMS_LISTED) {
                synchronized (problems) {
                    problems.add(problem.get());
                }
            }
        });
        return new Outcome(fleet.size(), converged.get(), tally.completed.get(), tally.failed.get(),
                tally.replacementKeys.get(), devicesRun, tally.checkIns.measurement(devicesRun.elapsedNanos()),
                tally.replacementUploads.measurement(devicesRun.elapsedNanos()), List.copyOf(problems));
    }

    /** The device's check-ins until the server asks nothing more; then why it did not converge, if it did not. */
    private Optional<String> rotate(SimulatedDevice device, DeviceConnection connection, String server)
            throws Exception {
        Set<String> original = new HashSet<>();
        device.volumes().protectorIds().values().forEach(original::addAll);
        StringWriter logged = new StringWriter();
        EscrowCycle cycle = new EscrowCycle(connection, device.volumes(), encryptor, device.journal(),
                new AgentLog(new PrintWriter(logged), clock), clock);
        String lastFailure = null;
        for (int checkIn = 0; checkIn < MAX_CHECK_INS && !settled(device, connection); checkIn++) {
            try {
                cycle.run(device.facts(), () -> device.assertion(server));
            } catch (AgentApiException e) {
                lastFailure = e.getMessage();
                if (!e.transientFailure()) {
                    break;
                }
            }
        }
        Optional<String> problem = convergence(device, original, connection.lastAnswer);
        if (problem.isEmpty()) {
            return problem;
        }
        // The agent log names protector ids and steps, never a password; it is kept only to explain a problem.
        String log = logged.toString().strip().replace(System.lineSeparator(), " | ");
        return Optional.of(device.facts().hostname() + ": " + problem.get()
                + (lastFailure == null ? "" : "; last failure: " + lastFailure)
                + (log.isEmpty() ? "" : "; agent log: " + log));
    }

    /** The server's last answer asked for nothing, and the device has nothing under way or left to report. */
    private static boolean settled(SimulatedDevice device, DeviceConnection connection) throws Exception {
        if (connection.lastAnswer == null || !isEmpty(connection.lastAnswer.rotateProtectorIds())) {
            return false;
        }
        Rotations journal = device.journal().load();
        return journal.pending().isEmpty() && journal.unreported().isEmpty();
    }

    /**
     * Why the device has not converged, or empty when it has.
     *
     * @param original   the protector ids on the device before the phase
     * @param lastAnswer the server's answer to the device's last check-in
     */
    static Optional<String> convergence(SimulatedDevice device, Set<String> original, CheckInResponse lastAnswer)
            throws Exception {
        Set<String> onDevice = new HashSet<>();
        for (Map.Entry<String, List<String>> volume : device.volumes().protectorIds().entrySet()) {
            List<String> ids = volume.getValue();
            if (ids.size() != 1) {
                return Optional.of("volume " + volume.getKey() + " has " + ids.size() + " recovery passwords, not 1");
            }
            if (original.contains(ids.get(0))) {
                return Optional.of("protector " + ids.get(0) + " on volume " + volume.getKey() + " was not replaced");
            }
            onDevice.add(ids.get(0));
        }
        Rotations journal = device.journal().load();
        if (!journal.pending().isEmpty() || !journal.unreported().isEmpty()) {
            return Optional.of(journal.pending().size() + " rotation(s) still under way and "
                    + journal.unreported().size() + " result(s) not reported");
        }
        if (lastAnswer == null) {
            return Optional.of("no check-in was answered");
        }
        if (!isEmpty(lastAnswer.rotateProtectorIds())) {
            return Optional.of("the server still asks to rotate " + lastAnswer.rotateProtectorIds());
        }
        Set<String> held = new HashSet<>(lastAnswer.heldProtectorIds() == null ? List.of()
                : lastAnswer.heldProtectorIds());
        if (!held.equals(onDevice)) {
            return Optional.of("the server holds " + held + " as current, the device has " + onDevice);
        }
        return Optional.empty();
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }

    /** The phase's counts and timings, shared by every device's connection. */
    private static final class Tally {
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger replacementKeys = new AtomicInteger();
        private final Timings checkIns = new Timings();
        private final Timings replacementUploads = new Timings();
    }

    /** Durations of calls that happen a varying number of times, collected as they come. */
    private static final class Timings {
        private final List<Long> nanos = new ArrayList<>();
        private int failures;
        private String firstFailure;

        synchronized void succeeded(long duration) {
            nanos.add(duration);
        }

        synchronized void failed(long duration, String reason) {
            nanos.add(duration);
            failures++;
            if (firstFailure == null) {
                firstFailure = reason;
            }
        }

        synchronized Measurement measurement(long elapsedNanos) {
            return new Measurement(nanos.size(), failures, firstFailure, elapsedNanos,
                    nanos.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** One device's calls: timed into the tally, the results it reported counted, its last answer kept. */
    private static final class DeviceConnection implements AgentServer {

        private final AgentServer server;
        private final Tally tally;
        private CheckInResponse lastAnswer;

        DeviceConnection(AgentServer server, Tally tally) {
            this.server = server;
            this.tally = tally;
        }

        @Override
        public CheckInResponse checkIn(CheckInRequest request, String assertion) throws AgentApiException {
            long started = System.nanoTime();
            try {
                lastAnswer = server.checkIn(request, assertion);
            } catch (AgentApiException | RuntimeException e) {
                tally.checkIns.failed(System.nanoTime() - started, e.getMessage());
                throw e;
            }
            tally.checkIns.succeeded(System.nanoTime() - started);
            // Counted once the server answered: only then does the agent forget them.
            for (RotationResult result : request.rotationResults() == null ? List.<RotationResult>of()
                    : request.rotationResults()) {
                (RotationResult.DONE.equals(result.outcome()) ? tally.completed : tally.failed).incrementAndGet();
            }
            return lastAnswer;
        }

        @Override
        public KeyUploadResponse uploadKeys(KeyUploadRequest request, String assertion) throws AgentApiException {
            boolean replacement = request.volumes().stream().flatMap(volume -> volume.protectors().stream())
                    .anyMatch(key -> key.replacesProtectorId() != null);
            if (!replacement) {
                return server.uploadKeys(request, assertion);
            }
            long started = System.nanoTime();
            KeyUploadResponse response;
            try {
                response = server.uploadKeys(request, assertion);
            } catch (AgentApiException | RuntimeException e) {
                tally.replacementUploads.failed(System.nanoTime() - started, e.getMessage());
                throw e;
            }
            tally.replacementUploads.succeeded(System.nanoTime() - started);
            tally.replacementKeys.addAndGet((int) (response.results() == null ? 0 : response.results().stream()
                    .filter(r -> ProtectorResult.STORED.equals(r.outcome())
                            || ProtectorResult.ALREADY_HELD.equals(r.outcome())).count()));
            return response;
        }
    }
}
