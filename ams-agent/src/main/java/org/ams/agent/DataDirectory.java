package org.ams.agent;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command shares. */
public class DataDirectory {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the agent keeps its device key and state (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:ams.agent.data-dir:-__DEFAULT__}")
    private String directory;

    public Path path() {
        return directory == null || directory.equals("__DEFAULT__") ? platformDefault() : Path.of(directory);
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
