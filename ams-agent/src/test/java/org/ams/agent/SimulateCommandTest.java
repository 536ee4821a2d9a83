package org.ams.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code simulate} against a server that refuses every request: the failures are reported, and the exit says so. */
class SimulateCommandTest {

    private static final String REFUSAL = "{\"code\":\"INVALID_REGISTRATION_KEY\",\"message\":\"Unknown key.\"}";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void refusingServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = REFUSAL.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    @DisplayName("Every registration refused: counted as failed, said last, and the exit code is not 0")
    void failedRequestsAreNotAMeasurement() {
        StringWriter output = new StringWriter();
        CommandLine command = new CommandLine(new AmsAgent());
        command.setOut(new PrintWriter(output, true));
        command.setErr(new PrintWriter(output, true));

        int exit = command.execute("simulate", "--server",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/ams", "--registration-key", "unknown",
                "--pin-sha256", "ab".repeat(32), "--devices", "3", "--check-ins", "1", "--threads", "2");

        assertEquals(SimulateCommand.REQUESTS_FAILED, exit, output.toString());
        assertEquals(3, requests.get(), "one registration per device, nothing after them");
        assertTrue(output.toString().contains("     0 ok    3 failed"), output.toString());
        assertTrue(output.toString().strip().endsWith("3 request(s) failed: these figures are not those of a clean "
                + "run."), output.toString());
    }
}
