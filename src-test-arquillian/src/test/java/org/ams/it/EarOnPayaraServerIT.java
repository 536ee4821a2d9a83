package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ams.it.server.GlassFishServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The path enterprises take: the built EAR deployed with {@code asadmin} to a full Payara Server 6 (unpacked from
 * Maven Central at build time, in its own domain on loopback ports), where it must answer and be ready.
 * <p>
 * Payara Server of its own, not the shared Payara Micro: the point is the EAR on a full application server.
 */
class EarOnPayaraServerIT {

    private static final String DOMAIN = "ams-it";
    /** Payara adds fixed offsets to the base: admin = base + 48, HTTP = base + 80, HTTPS = base + 81. */
    private static final int PORT_BASE = 24800;
    private static final int ADMIN_PORT = PORT_BASE + 48;
    private static final int HTTP_PORT = PORT_BASE + 80;

    private static Path server;
    private static Path domains;

    @BeforeAll
    static void startDomainAndDeploy() throws Exception {
        server = Path.of(System.getProperty("ams.it.payara.server"));
        domains = Files.createDirectories(TestEnvironment.work().resolve("payara-domains"));
        asadmin(false, "delete-domain", "--domaindir", domains.toString(), DOMAIN);
        asadmin(true, "create-domain", "--nopassword", "--domaindir", domains.toString(),
                "--portbase", String.valueOf(PORT_BASE), DOMAIN);
        Path domainXml = domains.resolve(DOMAIN).resolve("config").resolve("domain.xml");
        Files.writeString(domainXml, GlassFishServer.withTestJvmOptions(Files.readString(domainXml)));
        asadmin(true, "start-domain", "--domaindir", domains.toString(), DOMAIN);
        // The application's data directory, as an administrator would set it for the server's JVM.
        asadmin(true, "--port", String.valueOf(ADMIN_PORT), "create-system-properties",
                "ams.data.dir=" + domains.resolve("ams-data").toString().replace(":", "\\:"));
        asadmin(true, "--port", String.valueOf(ADMIN_PORT), "deploy", "--name", "ams",
                Deployments.ear().toString());
    }

    @AfterAll
    static void stopDomain() throws Exception {
        if (server != null) {
            asadmin(false, "stop-domain", "--domaindir", domains.toString(), DOMAIN);
        }
    }

    @Test
    @DisplayName("The EAR on Payara Server is ready and serves the sign-in page and the metrics at the root context")
    void earIsReadyAndServesTheWebApp() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\":\"UP\""), ready.body());
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("Sign in to AMS"), "the Faces page renders from the EAR's web module");
        assertTrue(Files.isDirectory(domains.resolve("ams-data").resolve("db")),
                "the embedded database lives in the configured data directory");

        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), "the metrics registry of the EJB module, served by the web module");
        assertTrue(metrics.body().contains("\nams_database_figures_up 1"), metrics.body());
        // The pool instantiates the data source itself: its count reaches the metrics only if both see one class.
        Matcher open = Pattern.compile("\nams_database_connections_open (\\S+)\n").matcher(metrics.body());
        assertTrue(open.find() && Double.parseDouble(open.group(1)) >= 1,
                "the connections Payara Server's pool holds, counted below it:\n" + metrics.body());
    }

    private static void asadmin(boolean mustSucceed, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(server.resolve("bin").resolve("asadmin").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        Path log = TestEnvironment.work().resolve("asadmin.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("asadmin " + String.join(" ", arguments) + " did not finish");
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new AssertionError("asadmin " + String.join(" ", arguments) + " failed:\n" + Files.readString(log));
        }
    }
}
