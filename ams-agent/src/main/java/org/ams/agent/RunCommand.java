package org.ams.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.ams.agent.escrow.AgentLog;
import org.ams.agent.escrow.Backoff;
import org.ams.agent.state.AgentState;
import org.ams.agent.state.AgentStateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The service loop: check in at the policy's interval; after a failure wait with exponential back-off and jitter.
 * Stops cleanly on Ctrl+C or when the service manager stops it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run as a service: check in at the policy's interval until stopped.")
class RunCommand implements Callable<Integer> {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

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

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        AgentLog log = new AgentLog(spec.commandLine().getErr(), clock);
        Path directory = dataDirectory.path();
        AgentStateStore store = new AgentStateStore(directory);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "ams-agent-stop"));
        Backoff backoff = null;
        log.info("AMS agent " + ThisDevice.agentVersion() + " running; data directory " + directory);
        while (stopped.getCount() > 0) {
            AgentState state = store.get();
            Duration interval = Duration.ofMinutes(Math.max(1, state.effectivePolicy().checkInIntervalMinutes()));
            if (backoff == null) {
                backoff = new Backoff(FIRST_RETRY, interval, new SecureRandom());
            }
            int outcome = CheckInCommand.cycle(state, directory, volumesFile, usersFile, store, log, clock,
                    spec.commandLine().getOut());
            Duration wait;
            if (ExitCodes.completed(outcome)) {
                backoff.reset();
                wait = interval;
            } else {
                wait = backoff.nextDelay();
                log.info("Next attempt in " + wait.toSeconds() + " s");
            }
            if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        log.info("AMS agent stopped");
        return ExitCodes.OK;
    }
}
