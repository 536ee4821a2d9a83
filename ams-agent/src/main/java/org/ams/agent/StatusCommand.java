package org.ams.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ams.agent.state.AgentState;
import org.ams.agent.state.AgentStateStore;
import org.ams.protocol.wire.AgentPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** What the agent knows: server, device id, state, policy and the last check-in. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show this agent's registration and "
        + "last check-in.")
class StatusCommand implements Callable<Integer> {

    @Mixin
    private DataDirectory dataDirectory;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<AgentState> found = new AgentStateStore(dataDirectory.path()).find();
        if (found.isEmpty()) {
            out.println("Not registered (data directory " + dataDirectory.path() + ").");
            return ExitCodes.NOT_REGISTERED;
        }
        AgentState state = found.get();
        AgentPolicy policy = state.effectivePolicy();
        out.println("Server:          " + state.serverUrl());
        out.println("Server trust:    " + (state.pinSha256() != null ? "pinned SHA-256 " + state.pinSha256()
                : state.trustStore() != null ? "trust store " + state.trustStore() : "system certificate authorities"));
        out.println("Device id:       " + state.deviceId());
        out.println("Device state:    " + state.deviceState());
        out.println("Registered at:   " + state.registeredAt());
        out.println("Last check-in:   " + (state.lastCheckInAt() == null ? "never" : state.lastCheckInAt() + " ("
                + state.lastCheckInResult() + ")"));
        out.println("Policy:          check in every " + policy.checkInIntervalMinutes() + " min; back up OS drive "
                + yesNo(policy.backupOsDrive()) + ", fixed drives " + yesNo(policy.backupFixedDrives())
                + ", removable drives " + yesNo(policy.backupRemovableDrives()));
        return ExitCodes.OK;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
