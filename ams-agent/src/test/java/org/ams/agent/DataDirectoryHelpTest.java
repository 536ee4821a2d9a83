package org.ams.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code --data-dir} default as each command's help shows it. */
class DataDirectoryHelpTest {

    private String savedProperty;

    @BeforeEach
    void clearProperty() {
        savedProperty = System.clearProperty(DataDirectory.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(DataDirectory.PROPERTY);
        } else {
            System.setProperty(DataDirectory.PROPERTY, savedProperty);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"register", "check-in", "run", "status"})
    @DisplayName("The help names the platform's default data directory")
    void helpShowsThePlatformDefault(String command) {
        String help = help(command);

        assertTrue(help.contains("(default: " + DataDirectory.platformDefault() + ")"), help);
        assertFalse(help.contains("__DEFAULT__"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"register", "check-in"})
    @DisplayName("The help names the directory the system property sets")
    void helpShowsTheSystemProperty(String command) {
        Path configured = Path.of("/srv/ams-agent-data");
        System.setProperty(DataDirectory.PROPERTY, configured.toString());

        String help = help(command);

        assertTrue(help.contains("(default: " + configured + ")"), help);
        assertFalse(help.contains("__DEFAULT__"), help);
    }

    private static String help(String command) {
        return AmsAgent.commandLine().getSubcommands().get(command).getUsageMessage().replaceAll("\\s+", " ");
    }
}
