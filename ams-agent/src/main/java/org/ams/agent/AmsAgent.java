package org.ams.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The agent's command line: {@code register}, {@code check-in}, {@code run} and {@code status}. */
@Command(name = "ams-agent", mixinStandardHelpOptions = true, versionProvider = AmsAgent.Version.class,
        description = "Backs up the BitLocker recovery passwords of this device to an AMS server.",
        subcommands = {RegisterCommand.class, CheckInCommand.class, RunCommand.class, StatusCommand.class,
                SimulateCommand.class})
public class AmsAgent implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AmsAgent());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version Maven stamped into the jar, so support can tell which agent a device runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ams-agent " + ThisDevice.agentVersion()};
        }
    }
}
