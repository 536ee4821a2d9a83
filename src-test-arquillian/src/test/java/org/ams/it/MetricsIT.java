package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.agents.AgentSupport;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.identity.local.LocalGroup;
import org.ams.platform.AmsDataSource;
import org.ams.platform.DatabaseMigration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /metrics} as Prometheus meets it: every scrape passes the real {@code promtool check metrics}; the agent
 * counters and the latency histogram move with the real agent jar's check-ins and uploads and with a refused call,
 * the access-request counter with requests a signed-in helpdesk user makes, the gauges with what the database holds;
 * the connection pool's gauges stay between 1 and the pool's maximum, and the open connections are those the
 * database itself sees from this server;
 * a scraper outside the allowed addresses gets 403; the README's alert rules pass {@code promtool check rules} and
 * name only metrics AMS serves.
 * <p>
 * In-container methods set up through the services and make the access requests; client methods
 * ({@link RunAsClient}) scrape and drive the agent through {@link MetricsClient}. Counters only move by this class's
 * own actions here: the classes sharing the server run one after the other.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    private static final String USER = "metrics-desk";
    private static final String PASSWORD = "Metrics-Desk-Password-2026";
    private static final String TENANT = "Metrics IT";
    /** A tenant no rule covers: requests for its computers are denied. */
    private static final String UNREAD_TENANT = "Metrics IT unread";
    private static final String DEVICE = "METRICS-PC-1";
    private static final String UNREAD_DEVICE = "METRICS-PC-2";
    private static final String VOLUMES = "metrics-pc.json";
    private static final String REASON = "Ticket 4711: counted by the metrics";
    /** Where the helpdesk user's requests come from (rate limits count per address). */
    private static final String ADDRESS = "192.0.2.71";

    @Inject
    private AsAdministrator admin;

    @Inject
    private HelpdeskTeam helpdeskTeam;

    @Inject
    private DeviceFixture fixture;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AgentSupport agentSupport;


    @Inject
    private SignedInCalls signedIn;

    @Inject
    private AccessRequests accessRequests;

    @Resource(lookup = DatabaseMigration.DATA_SOURCE)
    private DataSource database;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a helpdesk team that may read one tenant's passwords, a computer in a tenant it may not, "
            + "an active certificate")
    void setUp() throws Exception {
        as(() -> {
            LocalGroup team = helpdeskTeam.create(USER, "Metrics Desk", PASSWORD, "Metrics desk", "Metrics tests");
            Tenant tenant = directory.createTenant(TENANT);
            rules.create(new RuleDefinition(RuleTarget.tenant(tenant.getId()), "Metrics desk reads " + TENANT, true,
                    null, List.of(AccessControlEntry.allow(team.principal(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD))));
            agentSupport.setEnabled(true);
            return null;
        });
        Tenant unread = as(() -> directory.createTenant(UNREAD_TENANT));
        fixture.register(unread, UNREAD_DEVICE);
        fixture.ensureActiveCertificate("AMS metrics IT", "Metrics-IT-backup-1");
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("A scrape from 127.0.0.1 passes promtool and holds every family, with help, in Prometheus names")
    void scrapePassesPromtool() throws Exception {
        MetricsClient.firstScrape(base);
    }

    @Test
    @Order(3)
    @RunAsClient
    @DisplayName("The real agent's check-ins and upload, and a check-in without an assertion, move the agent counters "
            + "by exactly those calls; the gauges follow the database")
    void agentCallsAreCounted() throws Exception {
        MetricsClient.agentCallsAreCounted(base, TENANT, DEVICE, VOLUMES);
    }

    @Test
    @Order(4)
    @DisplayName("The helpdesk user asks for a readable computer's passwords and for an unreadable one's")
    void helpdeskRequests() throws Exception {
        Device readable = device(DEVICE);
        Device unread = device(UNREAD_DEVICE);
        List<AccessOutcome> outcomes = signedIn.as(USER, PASSWORD, () -> List.of(
                accessRequests.requestRecoveryPasswords(ADDRESS, readable.getId(), REASON),
                accessRequests.requestRecoveryPasswords(ADDRESS, unread.getId(), REASON)));
        assertEquals(ResultCode.SUCCESS, outcomes.get(0).result());
        assertEquals(2, outcomes.get(0).keys().size(), "both escrowed passwords");
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, outcomes.get(1).result());
    }

    @Test
    @Order(5)
    @RunAsClient
    @DisplayName("Each access request is counted once under its result code, with nothing about who or which computer")
    void accessRequestsAreCounted() throws Exception {
        MetricsClient.accessRequestsAreCounted(base, List.of(USER, DEVICE, UNREAD_DEVICE, ADDRESS,
                "441419-195778-416152-174284-316910-102234-700139-396715"));
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("A scraper outside ams.metrics.allowed-addresses, or under a setting that cannot be read, gets 403 "
            + "and nothing else; the restored setting admits it again")
    void otherAddressesAreRefused() throws Exception {
        MetricsClient.otherAddressesAreRefused(base);
    }

    @Test
    @Order(7)
    @RunAsClient
    @DisplayName("The README's alert rules pass promtool check rules and their unit tests, and name only metrics AMS serves")
    void alertRules() throws Exception {
        MetricsClient.alertRulesUseServedMetrics(base,
                TestEnvironment.repositoryRoot().resolve("docs/prometheus/ams-alerts.yml"));
    }

    @Test
    @Order(8)
    @DisplayName("The open connections the pool's gauge counts are the connections the database sees from this server")
    void openConnectionsAreTheDatabasesSessions() throws Exception {
        // Background workers may open or close a connection between the two readings: they must agree at one of
        // a few tries, not at the first.
        int counted = -1;
        long sessions = -2;
        for (int attempt = 0; attempt < 20 && counted != sessions; attempt++) {
            if (attempt > 0) {
                TimeUnit.MILLISECONDS.sleep(250);
            }
            try (Connection connection = database.getConnection()) {
                sessions = sessionsOfThisServer(connection);
                counted = AmsDataSource.openConnections();
            }
        }
        assertEquals(sessions, counted, "physical connections counted below the pool, and the database's sessions");
        assertTrue(counted >= 1 && counted <= DatabaseMigration.MAX_POOL_SIZE, "at least this test's: " + counted);
    }

    /** The database's own count of the sessions AMS has open to it, this test's included. */
    private static long sessionsOfThisServer(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(postgres
                     ? "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND application_name = 'AMS'"
                     : "SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            count.next();
            return count.getLong(1);
        }
    }

    private Device device(String name) throws Exception {
        return as(directory::devices).stream().filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }
}
