package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.LoginPage;
import org.ams.it.server.LoadBalancer;
import org.ams.it.server.OlderBuild;
import org.ams.protocol.certificate.EncryptionCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A rolling upgrade from an older build, as README's cluster section tells an administrator to do it: two servers of
 * an earlier release of AMS (built by the test from the repository's history) on one new PostgreSQL database behind
 * HAProxy, with real agents checking in through the balancer and an administrator signed in; then one server at a time
 * is stopped (SIGTERM) and started on this build, on the same data directory and settings. The first server of this
 * build migrates the database while the other, still of the older build, goes on serving on the newer schema; the
 * administrator's session, kept in the data grid the two builds share for a while, survives both restarts.
 * <p>
 * Servers of its own, PostgreSQL only (a cluster's database): an upgrade starts from an older build's database, which
 * no shared server has. The steps build on each other and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpgradeIT {

    /**
     * The older build: the commit a landed change ended on, 2026-12-07 (database schema V36, the first build with the
     * data grid); migrations V37 to V41 came after it.
     */
    private static final String OLDER_BUILD = "54e7219";
    private static final int OLDER_SCHEMA = 36;
    private static final int AGENTS = 4;
    private static final int SIMULATED = 20;

    private static Path work;
    private static ClusterSettings settings;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static LoadBalancer balancer;
    private static String registrationKey;
    private static String pin;
    private static EncryptionCredential backup;
    private static List<AgentDevice> devices;
    /** The administrator's own browser, signed in on the older server B: its session lives in the data grid. */
    private static Browser administrator;

    @BeforeAll
    static void startTwoServersOfTheOlderBuild() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(TestEnvironment.work()), "rolling-upgrade-");
        Path older = OlderBuild.of(TestEnvironment.repositoryRoot(), OLDER_BUILD,
                TestEnvironment.work().resolve("older-build-" + OLDER_BUILD));
        settings = ClusterSettings.prepare(work);
        ClusterSettings.Started started = settings.launchBehindBalancer(older, work, "-older");
        nodeA = started.nodeA();
        nodeB = started.nodeB();
        balancer = started.balancer();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        ClusterSettings.closeAll(administrator, balancer, nodeA, nodeB);
    }

    @Test
    @Order(1)
    @DisplayName("Two servers of the older build on a new database serve agents through the balancer")
    void olderBuildServes() throws Exception {
        assertEquals(OLDER_SCHEMA, schemaVersion(), "the older build migrated the new database to its own schema");
        nodeA.awaitLog("DG Size: 2");

        Browser browser = Browser.shared();
        ConsoleSetup console = new ConsoleSetup(browser, URI.create(nodeA.httpBase()).toURL(),
                Browser.sharedDownloads());
        console.signInAsAdministrator();
        console.agentRegistration().enableAgentSupport();
        registrationKey = new AgentRegistrationPage(browser).addKey("Upgrade", null, false);
        try (Stream<Path> old = Files.list(Browser.sharedDownloads())) {
            for (Path file : (Iterable<Path>) old::iterator) {
                Files.delete(file);
            }
        }
        backup = console.createActive2048BitCertificate("AMS Upgrade", "Upgrade-Backup-1");
        pin = ConsoleSetup.servedFingerprint("https://localhost:" + balancer.port() + "/");
        devices = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            AgentDevice device = new AgentDevice(Files.createTempDirectory(work, "agent-"), pin);
            AgentProcess.Result registered = device.register(registrationKey, "UPGRADE-PC-" + i);
            assertEquals(0, registered.exitCode(), registered.output());
            AgentProcess.Result checkedIn = device.checkIn("four-volumes.json");
            assertEquals(0, checkedIn.exitCode(), checkedIn.output());
            devices.add(device);
        }

        // The administrator signs in on server B, which upgrades last.
        administrator = Browser.start();
        LoginPage.signInAfresh(administrator, URI.create(nodeB.httpBase()).toURL(), "admin",
                TestEnvironment.adminPassword());
    }

    @Test
    @Order(2)
    @DisplayName("Upgraded one server at a time while agents check in: the first server of this build migrates the "
            + "database once, the older server goes on serving on the newer schema, every acknowledged key is stored "
            + "once, the audit chain stays one, and a signed-in administrator stays signed in")
    void rollingUpgradeLosesNothing() throws Exception {
        RollingCheckIns checkIns = RollingCheckIns.start(devices);
        try {
            nodeA.close();
            nodeA = ServerProcess.launch(settings.dataA(), settings.envA(), work.resolve("node-a-upgraded.log"));
            nodeA.awaitReadiness(200);
            nodeA.awaitLog("DG Size: 2");
            assertMigratedOnce();

            // Server B, of the older build, on the newer schema: new devices register and escrow there directly, and
            // both builds read the one audit chain both appended to.
            olderServerServesNewDevices();
            assertEquals(AuditChainCheck.verifiedRecords(nodeA), AuditChainCheck.verifiedRecords(nodeB),
                    "both builds read the same chain");

            nodeB.close();
            nodeB = ServerProcess.launch(settings.dataB(), settings.envB(), work.resolve("node-b-upgraded.log"));
            nodeB.awaitReadiness(200);
            nodeB.awaitLog("DG Size: 2");
            checkIns.awaitMoreCheckIns(AGENTS);
        } finally {
            checkIns.stop();
        }
        checkIns.assertNothingLost("rolling upgrade");

        int opened = StoredKeys.openEveryCurrentKey(backup, (device, password) -> { });
        assertTrue(opened >= AGENTS + SIMULATED, "opened " + opened);
        assertEquals(AuditChainCheck.verifiedRecords(nodeA), AuditChainCheck.verifiedRecords(nodeB));
        for (ServerProcess node : List.of(nodeA, nodeB)) {
            assertFalse(node.log().contains("AMS cannot use its database"),
                    node.logAround("AMS cannot use its database"));
        }

        // Signed in on server B of the older build; B has since been stopped and started on this build. Server A of
        // this build finds the session in the data grid.
        URL base = URI.create(nodeA.httpBase()).toURL();
        administrator.driver().get(base + DevicesPage.PATH);
        administrator.waitForPage();
        assertEquals("/" + DevicesPage.PATH, administrator.currentPath(), "still signed in after the upgrade");
        DevicesPage page = new DevicesPage(administrator).filterByName("UPGRADE-PC-");
        assertEquals(AGENTS, page.rows().size());
    }

    /** Simulated agents register and upload one key each to the older server directly. */
    private static void olderServerServesNewDevices() throws Exception {
        AgentProcess.Result simulated = AgentProcess.run("simulate", "--server", nodeB.httpsBase(),
                "--registration-key", registrationKey, "--pin-sha256", pin, "--devices", String.valueOf(SIMULATED),
                "--check-ins", "0", "--keys", "1", "--threads", "4");
        assertEquals(0, simulated.exitCode(), simulated.output());
    }

    /** Every migration of this build applied, each once, on top of the older build's. */
    private static void assertMigratedOnce() throws Exception {
        int newest;
        Pattern migration = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(TestEnvironment.repositoryRoot()
                .resolve("ams-ejb/src/main/resources/db/migration"))) {
            newest = files.map(file -> migration.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(match -> Integer.parseInt(match.group(1))).max()
                    .orElseThrow();
        }
        assertTrue(newest > OLDER_SCHEMA, "this build has migrations the older one lacks");
        assertEquals(newest, schemaVersion());
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet twice = connection.createStatement().executeQuery("SELECT version FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL GROUP BY version HAVING COUNT(*) > 1");
             ResultSet failed = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success")) {
            assertFalse(twice.next(), "a migration was applied twice");
            assertTrue(failed.next() && failed.getInt(1) == 0, "a migration failed");
        }
    }

    private static int schemaVersion() throws Exception {
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet version = connection.createStatement().executeQuery("SELECT MAX(CAST(version AS INTEGER))"
                     + " FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            assertTrue(version.next());
            return version.getInt(1);
        }
    }
}
