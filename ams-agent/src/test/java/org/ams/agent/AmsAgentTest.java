package org.ams.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AmsAgentTest {

    @Test
    void versionNamesTheBuiltVersion() {
        StringWriter out = new StringWriter();
        CommandLine agent = AmsAgent.commandLine();
        agent.setOut(new PrintWriter(out));

        int exitCode = agent.execute("--version");

        assertEquals(0, exitCode);
        assertTrue(out.toString().matches("ams-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out.toString());
    }

    @Test
    void unknownOptionIsRefusedWithUsage() {
        StringWriter err = new StringWriter();
        CommandLine agent = AmsAgent.commandLine();
        agent.setErr(new PrintWriter(err));

        int exitCode = agent.execute("--no-such-option");

        assertEquals(2, exitCode);
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
    }
}
