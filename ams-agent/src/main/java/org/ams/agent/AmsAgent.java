package org.ams.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The agent's command line. The commands that talk to the server (register, check-in, run) build on this. */
@Command(name = "ams-agent", mixinStandardHelpOptions = true, versionProvider = AmsAgent.Version.class,
        description = "Backs up the BitLocker recovery passwords of this device to an AMS server.")
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
            Properties properties = new Properties();
            try (InputStream in = AmsAgent.class.getResourceAsStream("version.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"ams-agent " + properties.getProperty("version")};
        }
    }
}
