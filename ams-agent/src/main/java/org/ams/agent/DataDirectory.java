package org.ams.agent;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command shares. */
public class DataDirectory {

    /** The system property that replaces the platform default, for tests and unusual installations. */
    static final String PROPERTY = "ams.agent.data-dir";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the agent keeps its device key and state (default: ${DEFAULT-VALUE}).")
    private Path directory = defaultPath();

    public Path path() {
        return directory;
    }

    /** The directory used without {@code --data-dir}: the {@value #PROPERTY} property if set, else the platform's. */
    static Path defaultPath() {
        String configured = System.getProperty(PROPERTY);
        return configured == null || configured.isBlank() ? platformDefault() : Path.of(configured);
    }

    /** {@code %ProgramData%\AMS Agent} on Windows, {@code /var/lib/ams-agent} elsewhere. */
    static Path platformDefault() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            String programData = System.getenv().getOrDefault("ProgramData", "C:\\ProgramData");
            return Path.of(programData, "AMS Agent");
        }
        return Path.of("/var/lib/ams-agent");
    }
}
