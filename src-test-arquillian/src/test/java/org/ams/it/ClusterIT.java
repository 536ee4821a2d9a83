package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.ApiTokensPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.ConsolePages;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.NotificationChannelsPage;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.server.LoadBalancer;
import org.ams.protocol.certificate.EncryptionCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two AMS servers of the same build on one PostgreSQL database behind HAProxy, started with the launcher as README's
 * cluster section says: each node its own data directory, both the same master key and TLS key store. Agents escrow
 * through the balancer while one node is killed; what must be counted once (the audit chain, failed sign-ins) is
 * counted once whichever node is asked.
 * <p>
 * Servers of its own, PostgreSQL only (the embedded H2 database serves one server): freshness is the point, two nodes
 * starting together on a new database. The steps build on each other and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int AGENTS = 6;
    // Simulated devices per node in the concurrent-append test: each is at least two audit records (its registration
    // and its key upload), so both nodes together append at least 500.
    private static final int SIMULATED_PER_NODE = 125;
    private static final String SECOND_ADMIN = "cluster-admin";
    private static final String SECOND_ADMIN_PASSWORD = "Cluster-Admin-Pass-7";
    private static final String HELPDESK = "cluster-helpdesk";
    private static final String HELPDESK_PASSWORD = "Cluster-Helpdesk-Pass-7";
    private static final String NOTIFIED_HELPDESK = "cluster-api-helpdesk";
    private static final String NOTIFIED_HELPDESK_PASSWORD = "Cluster-Api-Helpdesk-Pass-7";
    private static final String HELPDESK_COMPUTER = "CLUSTER-PC-3";
    private static final String HELPDESK_RULE = "Cluster helpdesk reads " + HELPDESK_COMPUTER;

    private static Path work;
    private static Map<String, String> shared;
    /** Each node's environment: the shared one with its own ports and name, kept the same across its restarts. */
    private static Map<String, String> envA;
    private static Map<String, String> envB;
    private static Path dataA;
    private static Path dataB;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static LoadBalancer balancer;
    private static String registrationKey;
    private static String pin;
    private static ConsoleSetup console;
    /** The real agents, registered through the balancer. */
    private static List<AgentDevice> devices;

    @BeforeAll
    static void startTwoNodesBehindTheBalancer() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(TestEnvironment.work()), "cluster-");
        ClusterSettings settings = ClusterSettings.prepare(work);
        dataA = settings.dataA();
        dataB = settings.dataB();
        shared = settings.shared();
        envA = settings.envA();
        envB = settings.envB();
        // Both at once, on a database nobody has migrated yet.
        ClusterSettings.Started started = settings.launchBehindBalancer(TestEnvironment.repositoryRoot(), work, "");
        nodeA = started.nodeA();
        nodeB = started.nodeB();
        balancer = started.balancer();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        ClusterSettings.closeAll(balancer, nodeA, nodeB);
    }

    @Test
    @Order(1)
    @DisplayName("Two nodes started together on a new database: both ready, one data grid, each migration applied "
            + "once; a second server on a node's data directory refuses")
    void twoNodesStartTogether() throws Exception {
        try (Connection connection = TestEnvironment.postgresConnection();
             Statement statement = connection.createStatement();
             ResultSet twice = statement.executeQuery("SELECT version FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL GROUP BY version HAVING COUNT(*) > 1");
             ResultSet applied = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM flyway_schema_history WHERE success")) {
            assertFalse(twice.next(), "a migration was applied twice");
            assertTrue(applied.next() && applied.getInt(1) > 30, "the schema is migrated");
        }

        for (ServerProcess node : List.of(nodeA, nodeB)) {
            // E.g. both creating the first administrator: the one that lost must not take it for a database fault.
            String databaseFault = "AMS cannot use its database";
            assertFalse(node.log().contains(databaseFault), node.logAround(databaseFault));
            assertFalse(node.log().contains(TestEnvironment.adminPassword()),
                    "the password AMS_ADMIN_PASSWORD gives never reaches a log");
        }
        // The launcher's AMS_ADMIN_PASSWORD set the first administrator's password (README, Running AMS), on the one
        // node that created the account; the console's sign-in below uses it.
        String fromEnvironment = "Created the administrator account 'admin' with the password from AMS_ADMIN_PASSWORD.";
        assertTrue(nodeA.log().contains(fromEnvironment) != nodeB.log().contains(fromEnvironment),
                "exactly one node created the administrator, with the password from the environment");

        // One data grid of both: each node's Payara reports the grid's members when they change.
        nodeA.awaitLog("DG Size: 2");
        nodeB.awaitLog("DG Size: 2");

        ServerProcess second = ServerProcess.launch(dataA, shared, work.resolve("second-on-a.log"));

        assertEquals(2, second.awaitExit(), second.log());
        assertTrue(second.log().contains("AMS cannot start: another AMS server is running on the data directory "),
                second.log());
        nodeA.awaitReadiness(200);
    }

    @Test
    @Order(2)
    @DisplayName("Agents escrow through the balancer while a node is killed and restarted: every key is stored once")
    void agentsEscrowWhileANodeDies() throws Exception {
        // The browser goes to node A directly: the balancer passes TLS through, with no session stickiness.
        Browser browser = Browser.shared();
        console = new ConsoleSetup(browser, URI.create(nodeA.httpBase()).toURL(),
                Browser.sharedDownloads());
        console.signInAsAdministrator();
        // For the session test at the end: the built-in administrator is locked out by then (failed sign-ins).
        console.addAccount(SECOND_ADMIN, "Cluster Administrator", SECOND_ADMIN_PASSWORD, "ADMINISTRATOR");
        console.agentRegistration().enableAgentSupport();
        registrationKey = new AgentRegistrationPage(browser).addKey("Cluster", null, false);
        EncryptionCredential backup = console.createActive2048BitCertificate("AMS Cluster", "Cluster-Backup-1");
        pin = ConsoleSetup.servedFingerprint("https://localhost:" + balancer.port() + "/");
        devices = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            AgentDevice device = new AgentDevice(Files.createTempDirectory(work, "agent-"), pin);
            AgentProcess.Result registered = device.register(registrationKey, "CLUSTER-PC-" + i);
            assertEquals(0, registered.exitCode(), registered.output());
            devices.add(device);
        }

        List<AgentProcess.Running> checkIns = new ArrayList<>();
        for (AgentDevice device : devices) {
            checkIns.add(device.startCheckIn("four-volumes.json", List.of()));
        }
        // Killed once the first keys are stored: the other agents' uploads are under way, on both nodes.
        awaitStoredKeys();
        nodeB.kill();
        List<AgentDevice> toRetry = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            if (checkIns.get(i).await().exitCode() != 0) {
                toRetry.add(devices.get(i));
            }
        }
        nodeB = ServerProcess.launch(dataB, envB, work.resolve("node-b-restarted.log"));
        nodeB.awaitReadiness(200);
        // An agent whose check-in failed sends the same keys at its next one, as the scheduled agent does.
        System.out.println("[cluster] check-ins that failed while node B died: " + toRetry.size() + " of " + AGENTS);
        for (AgentDevice device : toRetry) {
            AgentProcess.Result again = device.checkIn("four-volumes.json");
            assertEquals(0, again.exitCode(), again.output());
        }

        Map<String, Integer> keysPerDevice = currentKeysPerDevice();
        assertEquals(AGENTS, keysPerDevice.size(), keysPerDevice.toString());
        int expected = keysPerDevice.values().iterator().next();
        assertTrue(expected > 0, keysPerDevice.toString());
        assertTrue(keysPerDevice.values().stream().allMatch(count -> count == expected),
                "every device holds the same keys: " + keysPerDevice);
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet twice = connection.createStatement().executeQuery("SELECT device_id, protector_id"
                     + " FROM recovery_key GROUP BY device_id, protector_id HAVING COUNT(*) > 1")) {
            assertFalse(twice.next(), "a protector's key was stored twice");
        }
        assertEveryStoredKeyOpens(backup);
    }

    @Test
    @Order(3)
    @DisplayName("Hundreds of audit records appended by both nodes at once form one intact chain, read on either node")
    void auditChainIsOneChain() throws Exception {
        int before = AuditChainCheck.verifiedRecords(nodeA);
        assertTrue(before >= 2 * AGENTS, "registrations and uploads of every agent, at least: " + before);

        // Simulated agents register and upload against each node directly (not through the balancer), at once.
        List<AgentProcess.Running> load = new ArrayList<>();
        for (ServerProcess node : List.of(nodeA, nodeB)) {
            load.add(AgentProcess.start("simulate", "--server", "https://localhost:" + node.httpsPort() + "/",
                    "--registration-key", registrationKey, "--pin-sha256", pin,
                    "--devices", String.valueOf(SIMULATED_PER_NODE), "--check-ins", "0", "--keys", "1",
                    "--threads", "4"));
        }
        for (AgentProcess.Running simulation : load) {
            AgentProcess.Result result = simulation.await();
            assertEquals(0, result.exitCode(), result.output());
        }

        int after = AuditChainCheck.verifiedRecords(nodeA);
        assertTrue(after - before >= 4 * SIMULATED_PER_NODE, "appended " + (after - before));
        assertEquals(after, AuditChainCheck.verifiedRecords(nodeB), "both nodes read the same chain");
    }

    @Test
    @Order(4)
    @DisplayName("Failed sign-ins spread over both nodes reach the per-account limit at the same count as on one")
    void failedSignInsCountOnEveryNode() throws Exception {
        List<ServerProcess> alternately = List.of(nodeA, nodeB, nodeA, nodeB, nodeA);
        for (ServerProcess node : alternately) {
            assertEquals(401, AuditChainCheck.verification(node, "admin", "Not-The-Password-1").statusCode());
        }

        // Node B itself saw two failures, under the limit of five: only a count shared by both refuses now.
        assertEquals(401, AuditChainCheck.verification(nodeB, "admin", TestEnvironment.adminPassword()).statusCode(),
                "the right password is refused after five failures on the two nodes together");
        assertEquals(401, AuditChainCheck.verification(nodeA, "admin", TestEnvironment.adminPassword()).statusCode());
    }

    @Test
    @Order(5)
    @DisplayName("A node that dies in the middle of a certificate rotation and of a notification's delivery: the other "
            + "node takes the rotation over once its claim runs out and finishes it, every secret opening with the new "
            + "certificate, and sends the notification again, once, when its lease has run out")
    void backgroundWorkIsTakenOverFromADeadNode() throws Exception {
        // Node A pauses a second between batches (its own ams.properties), so that it dies with work left.
        Files.writeString(dataA.resolve("ams.properties"), "ams.rotation.pause-ms=1000\n");
        int webhook = notificationInFlightOnNodeA();
        try (var old = Files.list(Browser.sharedDownloads())) {
            for (Path file : (Iterable<Path>) old::iterator) {
                Files.delete(file);
            }
        }
        EncryptionCredential next = console.createActive2048BitCertificate("AMS Cluster next", "Cluster-Backup-2");
        long started = System.nanoTime();
        awaitRotation("state = 'RUNNING' AND rewrapped > 0", Duration.ofMinutes(3));
        nodeA.kill();
        long killed = System.nanoTime();

        // Node A's claim on the notification runs out two minutes after it took it (the outbox's lease): the test ends
        // it now instead of waiting. Node B's worker, which looks every 5 s, takes the notification over and sends it.
        try (Connection connection = TestEnvironment.postgresConnection();
             Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("UPDATE notification_outbox SET claimed_until = CURRENT_TIMESTAMP"
                    + " - INTERVAL '1 second' WHERE state = 'PENDING' AND claimed_until IS NOT NULL"));
        }
        assertEquals(2, NotificationListeners.awaitCalls(webhook, 2, Duration.ofMinutes(2)).size(),
                "node B sends the notification node A was sending");

        // Node B's check looks every 15 s; node A's claim lasts 30 s plus twice its pause after its last batch. Idle,
        // the rest takes well under a minute; the ceiling allows for a machine shared with other test servers.
        awaitRotation("state = 'FINISHED'", Duration.ofMinutes(6));
        System.out.printf("[cluster] rotation taken over and finished %.0f s after node A was killed (%.0f s after "
                + "it started)%n", (System.nanoTime() - killed) / 1e9, (System.nanoTime() - started) / 1e9);
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet resumed = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM audit_event WHERE action = 'rotation.resumed'");
             ResultSet left = connection.createStatement().executeQuery("SELECT COUNT(*) FROM sealed_secret s"
                     + " JOIN encryption_certificate c ON c.id = s.certificate_id WHERE c.active IS NULL")) {
            assertTrue(resumed.next() && resumed.getInt(1) == 1, "node B recorded that it resumed the rotation");
            assertTrue(left.next() && left.getInt(1) == 0, "every secret is sealed to the new certificate");
        }
        assertEveryStoredKeyOpens(next);

        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet delivered = connection.createStatement().executeQuery("SELECT state FROM notification_outbox")) {
            assertTrue(delivered.next());
            assertEquals("DELIVERED", delivered.getString(1), "node B recorded the delivery");
            assertFalse(delivered.next(), "one notification");
        }
        assertEquals(2, NotificationListeners.calls(webhook).size(), "sent again once only, by node B");
        NotificationListeners.stopAll();
    }

    /**
     * A notification node A is sending, held by its receiver: a global webhook channel (it fires for every access
     * request) whose receiver never answers the first delivery, and a request for a computer's recovery passwords on
     * node A, through the REST API with a token of a helpdesk user's (denied: no rule lets them read it; the global
     * channel fires all the same). Node A's worker, woken by the request, takes the notification.
     *
     * @return the webhook receiver's port
     */
    private static int notificationInFlightOnNodeA() throws Exception {
        int webhook = ServerProcess.freePort();
        NotificationListeners.startHoldingWebhook(webhook);
        // The browser signed in on node A in the escrow test (Browser.shared() would give a new context, signed out).
        Browser browser = console.browser();
        browser.open(nodeA.httpBase() + "admin/settings/notification-channels.xhtml", NotificationChannelsPage.class)
                .on(browser).addGlobalWebhook("Cluster webhook", "http://127.0.0.1:" + webhook + "/");
        // The token's owner holds the Helpdesk role, which these calls need, and no rule lets them read the computer.
        console.addHelpdeskAccount(NOTIFIED_HELPDESK, "Cluster Helpdesk (API)", NOTIFIED_HELPDESK_PASSWORD);
        browser.driver().get(nodeA.httpBase() + ApiTokensPage.PATH);
        browser.waitForPage();
        String token = ApiTokensClient.issue(new ApiTokensPage(browser), NOTIFIED_HELPDESK, "Cluster notification",
                ApiTokensClient.READ_PASSWORDS);
        String deviceId;
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet device = connection.createStatement().executeQuery(
                     "SELECT id FROM device WHERE name = 'CLUSTER-PC-0'")) {
            assertTrue(device.next());
            deviceId = device.getString(1);
        }
        HttpResponse<String> denied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        nodeA.httpBase() + "api/v1/computers/" + deviceId + "/recovery-passwords"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"Ticket 16: a notification in flight\"}"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, denied.statusCode(), denied.body());

        NotificationListeners.awaitCalls(webhook, 1, Duration.ofMinutes(1));
        String serverA = Files.readString(dataA.resolve("server-id")).strip();
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet claim = connection.createStatement().executeQuery("SELECT state, claimed_by"
                     + " FROM notification_outbox")) {
            assertTrue(claim.next(), "the request queued a notification");
            assertEquals("PENDING", claim.getString(1));
            assertTrue(claim.getString(2).startsWith(serverA + "/"), "node A is sending it: " + claim.getString(2));
        }
        return webhook;
    }

    @Test
    @Order(6)
    @DisplayName("README's nginx set-up (stream module, TLS passed through, sticky by source address) while a node is "
            + "down: clients whose address it would send there reach the other node, agents register and escrow")
    void nginxSkipsADeadNode() throws Exception {
        // Node A died in the rotation test and is not back yet.
        try (LoadBalancer nginx = LoadBalancer.startNginx(work.resolve("nginx"), ServerProcess.freePort(),
                List.of(ClusterSettings.balancerNode("a", nodeA), ClusterSettings.balancerNode("b", nodeB)))) {
            String base = "https://localhost:" + nginx.port() + "/";
            assertEquals(pin, ConsoleSetup.servedFingerprint(base), "TLS passes through to the servers' certificate");

            // Clients from 40 loopback addresses: nginx sends each address to one node, some of them to node A.
            for (int last = 2; last < 42; last++) {
                assertEquals("HTTP/1.1 200 OK", readinessThrough(nginx.port(), "127.0.0." + last),
                        "a client from 127.0.0." + last + " is answered");
            }
            assertTrue(nginx.log().contains("Connection refused) while connecting to upstream"),
                    "some client was meant for node A and moved on:\n" + nginx.log());

            AgentProcess.Result simulated = AgentProcess.run("simulate", "--server", base,
                    "--registration-key", registrationKey, "--pin-sha256", pin, "--devices", "10",
                    "--check-ins", "0", "--keys", "1", "--threads", "4");
            assertEquals(0, simulated.exitCode(), simulated.output());
        }
    }

    /** The status line of {@code /health/ready} asked through TLS from the given source address. */
    private static String readinessThrough(int port, String sourceAddress) throws Exception {
        try (Socket socket = ConsoleSetup.trustingAnyCertificate().getSocketFactory().createSocket(
                InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(sourceAddress), 0)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET /health/ready HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    @Order(7)
    @DisplayName("The killed node comes back while agents check in through the balancer with new keys: it rejoins the "
            + "data grid, every key an agent saw acknowledged is stored, once, and a failed check-in succeeds at the next")
    void killedNodeRejoinsLosingNothing() throws Exception {
        // Stopping and starting each server in turn (SIGTERM, as a service manager does) while agents check in is
        // RollingUpgradeIT's: it does so with a newer build on each restart.
        RollingCheckIns checkIns = RollingCheckIns.start(devices);
        try {
            // Node A died in the rotation test: it comes back on its own ports and data directory and rejoins node B.
            nodeA.close(); // nothing to stop unless an earlier step failed before the kill
            nodeA = ServerProcess.launch(dataA, envA, work.resolve("node-a-restarted.log"));
            nodeA.awaitReadiness(200);
            nodeA.awaitLog("DG Size: 2");
            checkIns.awaitMoreCheckIns(AGENTS);
        } finally {
            checkIns.stop();
        }
        checkIns.assertNothingLost("cluster");
    }

    @Test
    @Order(8)
    @DisplayName("A signed-in helpdesk user and administrator keep working when the node holding their sessions dies: "
            + "the sessions and the open pages' state come from the data grid on the other node")
    void signedInSessionOutlivesItsNode() throws Exception {
        // Every connection goes to node A while it is up ("balance first"), to node B once it is not; without the data
        // grid, node B would know nothing of a session node A made.
        try (LoadBalancer aFirst = LoadBalancer.start(work.resolve("haproxy-first"), ServerProcess.freePort(),
                List.of(ClusterSettings.balancerNode("a", nodeA), ClusterSettings.balancerNode("b", nodeB)), "first");
             // The helpdesk user's own browser: the shared one holds one session at a time.
             Browser helpdeskBrowser = Browser.start()) {
            Browser browser = Browser.shared();
            URL base = URI.create("https://localhost:" + aFirst.port() + "/").toURL();
            LoginPage.signInAfresh(browser, base, SECOND_ADMIN, SECOND_ADMIN_PASSWORD);
            new ConsoleSetup(browser, base, Browser.sharedDownloads())
                    .addHelpdeskAccount(HELPDESK, "Cluster Helpdesk", HELPDESK_PASSWORD);
            browser.driver().get(base + ComputerRulesPage.PATH);
            browser.waitForPage();
            ComputerRulesPage rules = new ComputerRulesPage(browser).add()
                    .target(HELPDESK_COMPUTER, "Computer " + HELPDESK_COMPUTER).description(HELPDESK_RULE)
                    .addEntry(HELPDESK, HELPDESK, true, "Read BitLocker recovery passwords").doneWithPermissions()
                    .save();
            assertTrue(rules.row(HELPDESK_RULE).isPresent(), rules.errorText());
            browser.driver().get(base + DevicesPage.PATH);
            DevicesPage devices = new DevicesPage(browser).filterByName("CLUSTER-PC-1");
            assertEquals(List.of("CLUSTER-PC-1"), devices.rows().stream().map(DevicesPage.Row::name).toList());

            // The helpdesk user, in a browser of their own, has found the computer and typed the reason when the node
            // dies.
            LoginPage.signInAfresh(helpdeskBrowser, base, HELPDESK, HELPDESK_PASSWORD);
            RequestAccessPage request = RequestAccessPage.readyToAsk(helpdeskBrowser, base, HELPDESK_COMPUTER,
                    "Ticket 16: locked out while a server died");

            nodeA.kill();

            // Node B answers the request node A's page sends, with the computer and reason it holds.
            request.showPasswords();
            assertEquals(HELPDESK_RULE, request.grantingRule(), request.errorText());
            assertEquals(HELPDESK_COMPUTER, request.passwordsComputer());
            // Checked, never printed: a recovery password stays out of test output.
            assertTrue(request.keys().stream().anyMatch(key -> key.password() != null
                    && key.password().matches("\\d{6}(-\\d{6}){7}")), "node B shows the recovery passwords");

            // The page node A rendered filters again: its request, with the page's state, is node B's to answer.
            devices.filterByName("CLUSTER-PC-2");
            assertEquals(List.of("CLUSTER-PC-2"), devices.rows().stream().map(DevicesPage.Row::name).toList());
            browser.driver().get(base + DevicesPage.PATH);
            assertEquals("/" + DevicesPage.PATH, browser.currentPath(), "still signed in on node B");
            assertEquals(AGENTS, new DevicesPage(browser).filterByName("CLUSTER-PC-").rows().size());

            // Every console page keeps its state in the grid's session now: each opens, and none holds anything the
            // grid cannot store (Payara would log the NotSerializableException and keep the session to one server).
            for (ConsolePages.Page page : ConsolePages.ALL) {
                if (page.visitor() == ConsolePages.Visitor.ADMINISTRATOR) {
                    browser.driver().get(base + page.path());
                    browser.waitForPage();
                    assertEquals("/" + page.path(), browser.currentPath());
                }
            }
            assertFalse(nodeB.log().contains("NotSerializableException"), nodeB.log());
        }
    }

    /** Waits until the latest rotation's row matches {@code condition} (SQL over certificate_rotation). */
    private static void awaitRotation(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = TestEnvironment.postgresConnection();
                 ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM certificate_rotation"
                         + " WHERE started_at = (SELECT MAX(started_at) FROM certificate_rotation) AND " + condition)) {
                if (row.next() && row.getInt(1) == 1) {
                    return;
                }
            }
            // Polling the database other processes write: there is nothing to be notified by.
            Thread.sleep(50);
        }
        throw new AssertionError("the rotation did not reach " + condition + " within " + timeout);
    }

    private static Map<String, Integer> currentKeysPerDevice() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT d.name, COUNT(k.id)"
                     + " FROM device d LEFT JOIN recovery_key k ON k.device_id = d.id AND k.current_flag"
                     + " WHERE d.name LIKE 'CLUSTER-PC-%' GROUP BY d.name")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static void awaitStoredKeys() throws Exception {
        for (int attempt = 0; attempt < 1200; attempt++) {
            try (Connection connection = TestEnvironment.postgresConnection();
                 ResultSet stored = connection.createStatement().executeQuery("SELECT COUNT(*) FROM recovery_key")) {
                if (stored.next() && stored.getInt(1) > 0) {
                    return;
                }
            }
            // Polling the database other processes write: there is nothing to be notified by.
            Thread.sleep(50);
        }
        throw new AssertionError("no agent stored a key within a minute");
    }

    /**
     * Opens every current key's envelope with the certificate's backup, as disaster recovery would; the real agents'
     * keys open to a password of their volumes file (compared, never printed). The simulated agents' passwords are
     * random: theirs must open.
     */
    private static void assertEveryStoredKeyOpens(EncryptionCredential backup) throws Exception {
        String volumes;
        try (var in = ClusterIT.class.getResourceAsStream("/volumes/four-volumes.json")) {
            volumes = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int opened = StoredKeys.openEveryCurrentKey(backup, (device, password) ->
                assertTrue(!device.startsWith("CLUSTER-PC-") || volumes.contains(new String(password)),
                        "a real agent's stored key opens to a password of its volumes"));
        assertTrue(opened >= AGENTS, "opened " + opened);
    }
}
