package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.ams.access.AccessSettingsService;
import org.ams.access.RateLimits;
import org.ams.agents.RegistrationKeys;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.KeyStorage;
import org.ams.crypto.EncryptionCertificate;
import org.ams.crypto.SecretVault;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Directory;
import org.ams.devices.Tenant;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.signin.RoleService;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test: the passwords page benchmark. Loads 50,000 devices with two escrowed recovery passwords each into a
 * fresh server, then a helpdesk user asks for the recovery passwords of random computers over HTTP, the way a
 * browser does on {@code helpdesk/request-access.xhtml} (open the page, Find the computer, press "Show recovery
 * passwords"), and the time of the POST that answers with the passwords is printed as percentiles. Run it on both
 * databases with
 * <pre>
 * mvn -B -pl src-test-arquillian/h2,src-test-arquillian/postgresql -am verify -Dit.test=PasswordsPageBenchmark -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (the name does not end in IT, so {@code mvn verify} leaves it out). {@code -Dams.bench.requests} (300) and
 * {@code -Dams.bench.warm-up} (50) change how many requests are measured and made before.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordsPageBenchmark {

    static final int DEVICES = 50_000;
    /** Every n-th computer has passwords of its own, sealed one by one; the requests go to these. */
    static final int OWN_SECRETS_EVERY = 50;
    static final int GROUPS = 20;
    static final int BATCH = 1_000;
    static final String HELPDESK_USER = "bench-helpdesk";
    static final String HELPDESK_PASSWORD = "Bench-Helpdesk-Password-1";
    static final double GOAL_MILLISECONDS = 300;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private AsAdministrator admin;

    @Inject
    private EncryptionCertificateService certificates;

    @Inject
    private SecretVault vault;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private RoleService roles;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AccessSettingsService settings;

    @Inject
    private RegistrationKeys registrationKeys;

    @Deployment
    static WebArchive deployment() {
        return Deployments.amsWarWithTests(PasswordsPageBenchmark.class, AsAdministrator.class);
    }

    static String deviceName(int index) {
        return String.format("BENCH-PC-%05d", index);
    }

    /**
     * Inside the server. The administrator's part goes through the product's services: an active RSA-4096
     * certificate, a helpdesk account, one rule granting it the recovery passwords of the "All devices" group, rate
     * limits off. The devices and their keys are written in batches with plain SQL, because registering 50,000 agents
     * through the agent API takes a quarter of an hour here; the passwords of the computers the requests go to are
     * sealed one by one with the vault's own sealing code, the other computers' keys share one sealed password.
     */
    @Test
    @Order(1)
    void loadDevices() throws Exception {
        long started = System.nanoTime();
        CertificateOverview certificate = admin.call(() -> certificates.generate("AMS passwords page benchmark", 4096,
                1, KeyStorage.SOFTWARE));
        admin.call(() -> certificates.exportPkcs12(certificate.getId(), "Benchmark-backup-1".toCharArray()));
        admin.call(() -> {
            certificates.activate(certificate.getId());
            return null;
        });
        LocalAccount helpdesk = admin.call(() -> accounts.add(HELPDESK_USER, "Benchmark helpdesk",
                HELPDESK_PASSWORD.toCharArray()));
        admin.call(() -> roles.grant(Role.HELPDESK, helpdesk.principal()));
        admin.call(() -> rules.create(new RuleDefinition(RuleTarget.deviceGroup(DeviceGroup.ALL_DEVICES),
                "Benchmark helpdesk reads every device", true, null, List.of(AccessControlEntry.allow(
                        helpdesk.principal(), Permission.READ_BITLOCKER_RECOVERY_PASSWORD)))));
        admin.call(() -> settings.changeRateLimits(settings.current().getVersion(), new RateLimits(0, 0, 0, 0, 0, 0)));
        List<UUID> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            String name = String.format("Site %02d", i + 1);
            groups.add(admin.call(() -> directory.createGroup(Tenant.DEFAULT, name, null)).getId());
        }

        // Devices registered through the agent name the registration key they used.
        UUID registrationKey = admin.call(() -> registrationKeys.create(Tenant.DEFAULT, "Benchmark devices", null,
                null, false, Set.of())).registrationKey().getId();

        EncryptionCertificate active = admin.call(() -> vault.activeCertificate()).orElseThrow();
        UUID sharedSecret = admin.call(() -> vault.seal(randomPassword(), active));
        DataSource dataSource = InitialContext.doLookup("java:app/jdbc/ams");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement device = connection.prepareStatement("INSERT INTO device (id, directory_id, name, "
                    + "name_key, dns_name, os_name, os_version, agent_version, public_key, public_key_sha256, state, "
                    + "registration_key_id, registered_at, last_check_in_at, state_changed_at, version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'APPROVED', ?, ?, ?, ?, 0)");
                 PreparedStatement member = connection.prepareStatement(
                         "INSERT INTO device_group_member (group_id, device_id) VALUES (?, ?)");
                 PreparedStatement key = connection.prepareStatement("INSERT INTO recovery_key (id, device_id, "
                         + "volume_id, mount_point, drive_type, protector_id, key_id, secret_id, state, current_flag, "
                         + "escrowed_at, last_seen_at, version) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'CURRENT', TRUE, ?, ?, 0)")) {
                for (int i = 0; i < DEVICES; i++) {
                    UUID id = UUID.randomUUID();
                    String name = deviceName(i);
                    byte[] publicKey = new byte[91];
                    RANDOM.nextBytes(publicKey);
                    device.setObject(1, id);
                    device.setObject(2, Directory.AMS);
                    device.setString(3, name);
                    device.setString(4, name.toLowerCase(Locale.ROOT));
                    device.setString(5, name.toLowerCase(Locale.ROOT) + ".corp.example");
                    device.setString(6, "Microsoft Windows 11 Enterprise");
                    device.setString(7, "10.0.22631");
                    device.setString(8, "1.0.0");
                    device.setBytes(9, publicKey);
                    device.setString(10, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(publicKey)));
                    device.setObject(11, registrationKey);
                    device.setObject(12, now.minusDays(30));
                    device.setObject(13, now.minusMinutes(i % 60));
                    device.setObject(14, now.minusDays(30));
                    device.addBatch();
                    member.setObject(1, groups.get(i % GROUPS));
                    member.setObject(2, id);
                    member.addBatch();
                    boolean ownSecrets = i % OWN_SECRETS_EVERY == 0;
                    addKey(key, id, "C:", "OS", ownSecrets ? admin.call(() -> vault.seal(randomPassword(), active))
                            : sharedSecret, now);
                    addKey(key, id, "D:", "FIXED", ownSecrets ? admin.call(() -> vault.seal(randomPassword(), active))
                            : sharedSecret, now);
                    if ((i + 1) % BATCH == 0 || i == DEVICES - 1) {
                        device.executeBatch();
                        member.executeBatch();
                        key.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
        System.out.printf("Loaded %,d devices with %,d recovery keys (%,d sealed one by one) in %d s%n", DEVICES,
                2 * DEVICES, 2 * DEVICES / OWN_SECRETS_EVERY, Duration.ofNanos(System.nanoTime() - started)
                        .toSeconds());
    }

    private static void addKey(PreparedStatement key, UUID deviceId, String mountPoint, String driveType, UUID secretId,
                               OffsetDateTime now) throws Exception {
        ProtectorId protector = ProtectorId.of(UUID.randomUUID());
        key.setObject(1, UUID.randomUUID());
        key.setObject(2, deviceId);
        key.setString(3, "\\\\?\\Volume{" + UUID.randomUUID() + "}\\");
        key.setString(4, mountPoint);
        key.setString(5, driveType);
        key.setString(6, protector.value());
        key.setString(7, protector.keyId());
        key.setObject(8, secretId);
        key.setObject(9, now.minusDays(7));
        key.setObject(10, now.minusHours(1));
        key.addBatch();
    }

    private static RecoveryPassword randomPassword() {
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        RANDOM.nextBytes(key);
        return RecoveryPassword.fromKeyBytes(key);
    }

    /**
     * From outside, as a browser: sign in as the helpdesk user, then for each request open the page, find the
     * computer by name (the Ajax request the Find button makes) and press "Show recovery passwords" (a full POST whose
     * response holds the passwords). The POST is timed from sending it to having read the whole response. Only
     * sizes and counts of the answers are looked at here; no password is printed.
     */
    @Test
    @Order(2)
    @RunAsClient
    void measurePasswordsPage(@ArquillianResource URL base) throws Exception {
        int warmUp = Integer.getInteger("ams.bench.warm-up", 50);
        int requests = Integer.getInteger("ams.bench.requests", 300);
        ConsoleHttp console = ConsoleHttp.signIn(base, HELPDESK_USER, HELPDESK_PASSWORD);

        Random random = new Random(42);
        List<Long> show = new ArrayList<>();
        List<Long> find = new ArrayList<>();
        List<Long> open = new ArrayList<>();
        Set<String> computers = new HashSet<>();
        for (int i = 0; i < warmUp + requests; i++) {
            String computer = deviceName(random.nextInt(DEVICES / OWN_SECRETS_EVERY) * OWN_SECRETS_EVERY);
            long t0 = System.nanoTime();
            String viewState = ConsoleHttp.viewState(console.get("helpdesk/request-access.xhtml"));
            long t1 = System.nanoTime();
            String found = console.post("helpdesk/request-access.xhtml", true, ConsoleHttp.form(
                    "jakarta.faces.partial.ajax", "true", "jakarta.faces.source", "request:find",
                    "jakarta.faces.partial.execute", "request:find request:computer",
                    "jakarta.faces.partial.render", "request", "request:find", "request:find", "request", "request",
                    "request:computer_input", computer, "jakarta.faces.ViewState", viewState)).body();
            long t2 = System.nanoTime();
            assertTrue(found.contains("request:show"), () -> computer + " was not found: " + found);
            HttpResponse<String> answer = console.post("helpdesk/request-access.xhtml", false, ConsoleHttp.form(
                    "request", "request", "request:computer_input", computer, "request:keyId", "",
                    "request:reason", "Passwords page benchmark", "request:show", "request:show",
                    "jakarta.faces.ViewState", viewState));
            long t3 = System.nanoTime();
            assertEquals(200, answer.statusCode(), computer);
            assertTrue(answer.body().contains("id=\"passwordsComputer\">" + computer + "<"),
                    () -> "no passwords shown for " + computer + " (" + answer.body().length() + " characters)");
            assertEquals(2, answer.body().split("class=\"ams-key ams-key-current\"", -1).length - 1, computer);
            if (i >= warmUp) {
                computers.add(computer);
                open.add(t1 - t0);
                find.add(t2 - t1);
                show.add(t3 - t2);
            }
        }
        System.out.printf("AMS passwords page on %s (%,d devices, %,d recovery keys; %d requests for %d different "
                        + "computers after %d warm-up requests, one at a time):%n%s%n%s%n%s%n",
                TestEnvironment.database(), DEVICES, 2 * DEVICES, requests,
                computers.size(), warmUp,
                line("Show recovery passwords (full POST)", show, true),
                line("Find the computer (Ajax POST)", find, false),
                line("Open the page (GET)", open, false));
    }

    private static String line(String what, List<Long> nanos, boolean withGoal) {
        return ConsoleHttp.percentiles(what, nanos, withGoal ? GOAL_MILLISECONDS : 0);
    }
}
