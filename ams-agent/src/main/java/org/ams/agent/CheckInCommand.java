package org.ams.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ams.agent.bitlocker.VolumeReadException;
import org.ams.agent.escrow.AgentLog;
import org.ams.agent.escrow.CycleResult;
import org.ams.agent.escrow.EscrowCycle;
import org.ams.agent.state.AgentState;
import org.ams.agent.state.AgentStateStore;
import org.ams.agent.transport.AgentApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One check-in and escrow cycle, then exit: for schedulers and for trying things out. */
@Command(name = "check-in", mixinStandardHelpOptions = true,
        description = "Check in with the server once and escrow any recovery password it does not hold yet.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCodes.OK + ":Done.",
                ExitCodes.REFUSED + ":Refused by the server, or the volumes could not be read.",
                ExitCodes.USAGE + ":Bad command line.",
                ExitCodes.INVALID_KEY + ":Done, but a recovery password on this device is invalid and was not "
                        + "escrowed.",
                ExitCodes.TEMPORARY + ":Temporary failure (server unreachable, TLS problem): try again later."})
class CheckInCommand implements Callable<Integer> {

    @Mixin
    private DataDirectory dataDirectory;

    @Option(names = "--volumes-file", paramLabel = "FILE",
            description = "Read volumes from this JSON file instead of BitLocker (see README).")
    private Path volumesFile;

    @Option(names = "--users-file", paramLabel = "FILE",
            description = "Report the accounts in this JSON array as the users who signed in on the device, instead "
                    + "of reading Windows (see README).")
    private Path usersFile;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Clock clock = Clock.systemUTC();
        AgentLog log = new AgentLog(spec.commandLine().getErr(), clock);
        Path directory = dataDirectory.path();
        AgentStateStore store = new AgentStateStore(directory);
        AgentState state = store.get();
        return cycle(state, directory, volumesFile, usersFile, store, log, clock, spec.commandLine().getOut());
    }

    /**
     * Runs one cycle and records it; the exit code (see {@link ExitCodes}) tells a scheduler whether to retry soon
     * and a deployment script whether a recovery password on this device could not be escrowed.
     */
    static int cycle(AgentState state, Path directory, Path volumesFile, Path usersFile, AgentStateStore store,
                     AgentLog log, Clock clock, PrintWriter out) throws IOException {
        EscrowCycle escrow = Agent.cycle(state, directory, volumesFile, usersFile, log, clock);
        EscrowCycle.AssertionSource assertions = Agent.assertions(state, directory, clock);
        try {
            CycleResult result = escrow.run(ThisDevice.facts(state.deviceName()), assertions);
            store.save(state.withCheckIn(result.deviceState(), result.policy(), Instant.now(clock),
                    result.summary()));
            out.println(result.summary());
            return ExitCodes.of(result);
        } catch (AgentApiException e) {
            store.save(state.withResult(Instant.now(clock), "failed: " + e.getMessage()));
            log.warn("Check-in failed: " + e.getMessage());
            return e.transientFailure() ? ExitCodes.TEMPORARY : ExitCodes.REFUSED;
        } catch (VolumeReadException e) {
            store.save(state.withResult(Instant.now(clock), "failed: " + e.getMessage()));
            log.warn(e.getMessage());
            return ExitCodes.REFUSED;
        } catch (IOException e) {
            // The rotation journal could not be written: the rotation stopped at its last persisted step and resumes
            // from there at the next cycle.
            String message = "Cannot write the rotation state in " + directory + ": " + e.getMessage();
            store.save(state.withResult(Instant.now(clock), "failed: " + message));
            log.warn(message);
            return ExitCodes.REFUSED;
        }
    }
}
