package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ams.it.browser.Browser;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a newcomer meets it: the launcher builds nothing, starts AMS on Payara Micro with
 * HTTPS and the embedded H2 database in a data directory, prints what an administrator needs once, and keeps
 * everything across a restart. Start-up problems get one clear sentence instead of a stack trace.
 * <p>
 * No shared server: the point is the launcher's own first start and restart, each in a data directory of its own.
 */
class DistributionIT {

    private static final Pattern GENERATED_PASSWORD =
            Pattern.compile("generated password: (\\S+)");
    private static final Pattern FINGERPRINT =
            Pattern.compile("TLS certificate SHA-256 fingerprint \\(for agents' --pin-sha256\\): ([0-9A-F:]{95})");

    @Test
    @DisplayName("First start: HTTPS with a pinned-able certificate, a one-time admin password; a restart keeps both")
    void firstStartAndRestartKeepData() throws Exception {
        Path data = uniqueDirectory("distribution").resolve("data");
        String password;
        String fingerprint;

        try (ServerProcess server = ServerProcess.launch(data, Map.of(), data.resolveSibling("first-start.log"))) {
            server.awaitReadiness(200);
            String log = server.log();
            Matcher generated = GENERATED_PASSWORD.matcher(log);
            assertTrue(generated.find(), "the first start prints the generated admin password");
            password = generated.group(1);
            Matcher printed = FINGERPRINT.matcher(log);
            assertTrue(printed.find(), "the log prints the TLS fingerprint");
            fingerprint = printed.group(1);

            assertEquals(fingerprint, ConsoleSetup.servedFingerprint(server.httpsBase()),
                    "the printed fingerprint is the certificate HTTPS serves");
            HttpResponse<String> overHttps = getInsecure(server.httpsBase() + "health/ready");
            assertEquals(200, overHttps.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, overHttps.version(), "HTTPS speaks HTTP/2");
            // The JDK client asks plain HTTP for an upgrade to HTTP/2 (h2c); the launcher's listener answers in
            // HTTP/1.1, so a connection left unanswered while the server started is never reused for later requests.
            HttpResponse<String> overHttp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.httpBase() + "health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, overHttp.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, overHttp.version(), "no h2c upgrade on plain HTTP");
            assertEquals("max-age=31536000", overHttps.headers().firstValue("Strict-Transport-Security").orElse(""),
                    "browsers are told to stay on HTTPS");
            signInAndOut(server.httpsBase(), password);
        }

        try (ServerProcess server = ServerProcess.launch(data, Map.of(), data.resolveSibling("second-start.log"))) {
            server.awaitReadiness(200);
            String log = server.log();
            assertFalse(GENERATED_PASSWORD.matcher(log).find(), "a restart does not create the admin again");
            Matcher printed = FINGERPRINT.matcher(log);
            assertTrue(printed.find());
            assertEquals(fingerprint, printed.group(1), "the TLS certificate survives a restart");
            signInAndOut(server.httpsBase(), password);
        }

        // The master key belongs with this database (its check value is in it since the first start): a lost or
        // replaced key file stops the next start, and no new key is made.
        Path keyFile = data.resolve("master.key");
        byte[] key = Files.readAllBytes(keyFile);
        Files.delete(keyFile);
        assertEquals("AMS cannot start: The master key file " + keyFile + " is missing, but this database holds "
                + "secrets sealed with a master key: restore master.key from the backup taken together with this "
                + "database, or set AMS_MASTER_KEY to that key.", refusedStart(data, Map.of()));
        assertFalse(Files.exists(keyFile), "no new key is made");

        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]));
        assertEquals("AMS cannot start: The master key in " + keyFile + " is not the one this database's secrets "
                + "were sealed with: restore master.key from the backup taken together with this database, or set "
                + "AMS_MASTER_KEY to that key.", refusedStart(data, Map.of()));
        Files.write(keyFile, key);
    }

    @Test
    void portInUseIsOneClearSentence() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path run = uniqueDirectory("port-in-use");
            ServerProcess server = ServerProcess.launch(run.resolve("data"),
                    Map.of("AMS_HTTP_PORT", String.valueOf(taken.getLocalPort())), run.resolve("launcher.log"));

            assertEquals(2, server.awaitExit());
            assertEquals("AMS cannot start: port " + taken.getLocalPort() + " is already in use (another AMS or web "
                    + "server?). Stop it or choose other ports with AMS_HTTP_PORT / AMS_HTTPS_PORT.",
                    server.log().strip());
        }
    }

    @Test
    void unusableDataDirectoryIsOneClearSentence() throws Exception {
        Path run = uniqueDirectory("bad-data-dir");
        Path aFile = Files.writeString(run.resolve("not-a-directory"), "x");
        ServerProcess server = ServerProcess.launch(aFile.resolve("data"), Map.of(), run.resolve("launcher.log"));

        assertEquals(2, server.awaitExit());
        String log = server.log().strip();
        assertTrue(log.startsWith("AMS cannot start: cannot create the data directory"), log);
        assertTrue(log.contains("Set AMS_DATA_DIR"), log);
    }

    @Test
    @DisplayName("An unreachable database stops the launcher with one sentence naming the setting to change")
    void unreachableDatabaseIsOneClearSentence() throws Exception {
        int closedPort = ServerProcess.freePort();

        String log = refusedStart(Map.of("AMS_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/ams"));

        assertTrue(log.startsWith("AMS cannot start: AMS cannot reach its database (ams.db.url = "
                + "jdbc:postgresql://127.0.0.1:" + closedPort + "/ams)"), log);
        assertTrue(log.endsWith("Is the database server running and is AMS_DB_URL right?"), log);
    }

    @Test
    void refusedCredentialsAreOneClearSentence() throws Exception {
        String log = refusedStart(Map.of("AMS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "AMS_DB_USER", "no_such_ams_role", "AMS_DB_PASSWORD", "wrong"));

        assertEquals("AMS cannot start: The database refused AMS's credentials (ams.db.url = "
                + "jdbc:postgresql://127.0.0.1:5432/postgres). Check AMS_DB_USER and AMS_DB_PASSWORD.", log);
        assertFalse(log.contains("wrong"), "the password is never printed");
    }

    @Test
    void missingDatabaseIsOneClearSentence() throws Exception {
        String log = refusedStart(Map.of("AMS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/no_such_ams_database",
                "AMS_DB_USER", TestEnvironment.postgresUser()));

        assertTrue(log.startsWith("AMS cannot start: The database named in the URL does not exist"), log);
    }

    @Test
    void missingBuildOutputIsOneClearSentence() throws Exception {
        Path run = uniqueDirectory("no-build");
        Path war = run.resolve("ams-web.war");

        String log = refusedStart(run.resolve("data"), Map.of("AMS_WAR", war.toString()));

        assertTrue(log.startsWith("AMS cannot start: the build output is missing (" + war + ", "), log);
        assertTrue(log.endsWith("Run: mvn -B -DskipTests package"), log);
    }

    @Test
    void aPortOutOfRangeIsOneClearSentence() throws Exception {
        assertEquals("AMS cannot start: '70000' is not a TCP port number.",
                refusedStart(Map.of("AMS_HTTPS_PORT", "70000")));
    }

    @Test
    void anUnsupportedDatabaseIsOneClearSentence() throws Exception {
        String log = refusedStart(Map.of("AMS_DB_URL", "jdbc:oracle:thin:@db:1521/ams"));

        assertTrue(log.startsWith("AMS cannot start: "), log);
        assertTrue(log.contains("AMS supports H2 (jdbc:h2:...) and PostgreSQL"), log);
    }

    @Test
    void aMalformedMasterKeyIsOneClearSentence() throws Exception {
        String log = refusedStart(Map.of("AMS_MASTER_KEY", "c2hvcnQ="));

        assertEquals("AMS cannot start: The master key must be 32 bytes (Base64 of 32 random bytes, e.g. 'openssl "
                + "rand -base64 32'); the configured one has 5.", log);
    }

    @Test
    void clusterSettingMistakesAreOneClearSentenceEach() throws Exception {
        assertEquals("AMS cannot start: AMS_CLUSTER_MEMBERS '10.0.0.11' is not a list of host:port separated by "
                + "commas (e.g. 10.0.0.11:6900,10.0.0.12:6900).",
                refusedStart(Map.of("AMS_CLUSTER_MEMBERS", "10.0.0.11")));
        assertEquals("AMS cannot start: AMS_CLUSTER_MEMBERS names port 70000, which is not a TCP port number.",
                refusedStart(Map.of("AMS_CLUSTER_MEMBERS", "127.0.0.1:6900,127.0.0.1:70000")));
        // A free data grid port where the check comes after the port's: other servers of the test run (even one on
        // its own) may hold the default 6900.
        String grid = String.valueOf(ServerProcess.freePort());
        assertEquals("AMS cannot start: AMS_CLUSTER_ADDRESS is not set: give the IP address the other servers reach "
                + "this one at (its entry in AMS_CLUSTER_MEMBERS).",
                refusedStart(Map.of("AMS_CLUSTER_MEMBERS", "10.0.0.11:6900,10.0.0.12:6900", "AMS_CLUSTER_PORT", grid)));
        String https = String.valueOf(ServerProcess.freePort());
        assertEquals("AMS cannot start: AMS_CLUSTER_PORT " + https + " is also this server's HTTP or HTTPS port; give "
                + "the data grid a port of its own.", refusedStart(Map.of("AMS_CLUSTER_MEMBERS",
                "127.0.0.1:" + https + ",127.0.0.1:6901", "AMS_CLUSTER_PORT", https, "AMS_HTTPS_PORT", https)));
        assertEquals("AMS cannot start: AMS_NODE_NAME 'node a' may hold letters, digits, '.', '_' and '-' only (at "
                + "most 64).", refusedStart(Map.of("AMS_CLUSTER_MEMBERS", "127.0.0.1:" + grid + ",127.0.0.1:6901",
                "AMS_CLUSTER_PORT", grid, "AMS_NODE_NAME", "node a")));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals("AMS cannot start: the data grid port " + taken.getLocalPort() + " is already in use "
                    + "(another AMS server on this machine?). Give each server on one machine its own AMS_CLUSTER_PORT.",
                    refusedStart(Map.of("AMS_CLUSTER_MEMBERS", "127.0.0.1:" + taken.getLocalPort(),
                            "AMS_CLUSTER_PORT", String.valueOf(taken.getLocalPort()))));
        }
        // Well-formed, but on the embedded database, which belongs to one server.
        String h2 = refusedStart(Map.of("AMS_CLUSTER_MEMBERS", "127.0.0.1:" + ServerProcess.freePort()
                + ",127.0.0.1:6901", "AMS_CLUSTER_PORT", String.valueOf(ServerProcess.freePort())));
        assertTrue(h2.startsWith("AMS cannot start: AMS_CLUSTER_MEMBERS is set, but the database is H2: the servers "
                + "of a cluster share one PostgreSQL database"), h2);
    }

    private static String refusedStart(Map<String, String> environment) throws Exception {
        return refusedStart(uniqueDirectory("refused").resolve("data"), environment);
    }

    private static String refusedStart(Path data, Map<String, String> environment) throws Exception {
        Path run = uniqueDirectory("refused");
        ServerProcess server = ServerProcess.launch(data, environment, run.resolve("launcher.log"));
        assertEquals(2, server.awaitExit(), server.log());
        // Only the launcher's own lines: the TLS set-up lines come first, the refusal is the last line.
        String[] lines = server.log().strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static Path uniqueDirectory(String name) throws Exception {
        return Files.createTempDirectory(Files.createDirectories(TestEnvironment.work()), name + "-");
    }

    private static void signInAndOut(String base, String password) {
        try (Browser browser = Browser.start()) {
            browser.open(base, LoginPage.class).signIn("admin", password);
            HomePage home = browser.on(HomePage.class);
            assertEquals("admin", home.signedInUser());
            home.signOut();
            assertTrue(browser.on(LoginPage.class).showsSignedOut());
        }
    }

    private static HttpResponse<String> getInsecure(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ConsoleSetup.trustingAnyCertificate()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertNotEquals(0, response.statusCode());
        return response;
    }

}
