package org.ams.agent.escrow;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The agent's log: one timestamped line per event. Recovery passwords are never passed to it. */
public final class AgentLog {

    private final PrintWriter out;
    private final Clock clock;

    public AgentLog(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void info(String message) {
        line("INFO", message);
    }

    public void warn(String message) {
        line("WARN", message);
    }

    private void line(String level, String message) {
        out.println(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + " " + level + " " + message);
        out.flush();
    }
}
