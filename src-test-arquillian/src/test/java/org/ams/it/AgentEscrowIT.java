package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ams.agent.identity.DeviceAssertion;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.transport.ServerTrust;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.AuditLogPage;
import org.ams.it.browser.DevicesPage;
import org.ams.it.browser.GroupsPage;
import org.ams.it.browser.PasswordSettingsPage;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.AgentApi;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The path every recovery password takes into AMS, end to end: an administrator follows the guide's Steps 1-3 in the
 * browser, the real agent jar registers over HTTPS with a pinned certificate, waits for approval, and escrows exactly
 * the encrypted volumes of a volumes file; the keys are then recovered from the administrator's own backups. Then
 * the agent API is attacked with replayed (also by racing requests), expired, forged and mistyped assertions, requests
 * without a valid assertion (401 before the body is looked at) and malformed uploads; on PostgreSQL the database
 * becomes unreachable for a moment (503 with Retry-After). Last, the escrow records of the device are read back from
 * the audit log's export.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentEscrowIT extends BrowserIT {

    private static final String BACKUP_PASSWORD = "Escrow-Backup-Password-1";
    private static final String OS = "531058-303050-716078-383614-460922-106975-083446-139161";
    private static final String FIXED = "466895-217492-569250-069608-104434-135707-527241-083622";
    private static final String FIXED_REPLACEMENT = "309540-054054-123915-625218-602910-100716-346984-130779";
    private static final String REMOVABLE = "612062-085217-178486-321860-089188-571923-071489-318747";
    private static final String DECRYPTED_VOLUME = "067155-192005-417549-604307-207977-169829-444763-260568";
    /** The removable drive's password after it was changed on the same protector. */
    private static final String REMOVABLE_CHANGED = "181016-064460-252109-447370-390764-445984-123398-524326";
    private static final String REMOVABLE_PROTECTOR = "{4E7F3159-6D72-4EB1-815F-80AD4C33F301}";
    private static final String DEVICE = "IT-PC-1";

    private static Path agentData;
    private static Path volumes;
    private static String pin;
    private static String registrationKey;
    private static String singleUseKey;
    private static EncryptionCredential backup;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void prepare() throws Exception {
        Path work = Files.createDirectories(TestEnvironment.work());
        agentData = Files.createTempDirectory(work, "agent-");
        volumes = Files.createTempDirectory(work, "volumes-");
    }

    @Test
    @Order(10)
    @DisplayName("Until agent support is enabled, an agent is refused with a sentence saying so")
    void agentSupportStartsDisabled() throws Exception {
        pin = ConsoleSetup.servedFingerprint();
        console().signInAsAdministrator();
        // The IT classes of a run share one database: make sure agent support is off, whoever ran before.
        AgentRegistrationPage page = open(AgentRegistrationPage.PATH, AgentRegistrationPage::new);
        if (!page.agentSupportStatus().contains("disabled")) {
            page.disableAgentSupport();
        }

        AgentProcess.Result refused = agent("register", "--server", server(), "--registration-key", "any",
                "--pin-sha256", pin);

        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("Agent support is turned off"), refused.output());
    }

    @Test
    @Order(20)
    @DisplayName("Steps 1-3 in the browser: enable agent support, create registration keys, create an encryption certificate")
    void administratorPreparesTheServer() throws Exception {
        AgentRegistrationPage registration = open(AgentRegistrationPage.PATH, AgentRegistrationPage::new);
        assertTrue(registration.agentSupportStatus().contains("disabled"), registration.agentSupportStatus());

        registration.enableAgentSupport();
        registration = new AgentRegistrationPage(browser);
        assertEquals("Agent support is enabled.", registration.agentSupportStatus());
        assertTrue(registration.registerCommand().startsWith("java -jar ams-agent.jar register --server https://"),
                registration.registerCommand());

        registrationKey = registration.addKey("IT devices", null, true);
        assertTrue(registrationKey != null && registrationKey.length() >= 40, "the new key is shown once");
        registration.confirmKeyCopied();
        registration = new AgentRegistrationPage(browser);
        assertFalse(registration.showsCreatedKey(), "and never again");
        assertFalse(browser.driver().getPageSource().contains(registrationKey));
        singleUseKey = new AgentRegistrationPage(browser).addKey("Single use", 1, false);
        registration = new AgentRegistrationPage(browser);
        registration.addKey("IT devices", null, true);
        assertTrue(new AgentRegistrationPage(browser).errorText().contains("already exists"));
        List<AgentRegistrationPage.KeyRow> keys = new AgentRegistrationPage(browser).keys();
        AgentRegistrationPage.KeyRow first = keys.stream().filter(k -> k.name().equals("IT devices")).findFirst()
                .orElseThrow();
        assertEquals("0 of unlimited", first.activations());
        assertEquals("required", first.approval());
        assertEquals(registrationKey.substring(0, 13) + "…", first.hint());
        assertTrue(registrationKey.startsWith("amsreg_"), "a registration key says what it is");

        backup = console().createActiveCertificate("AMS escrow IT", BACKUP_PASSWORD);
        assertEquals("Active", new PasswordSettingsPage(browser).row(
                EncryptionCertificates.thumbprintSha256(backup.certificate())).orElseThrow().state());
    }

    @Test
    @Order(30)
    @DisplayName("The agent registers with a pinned fingerprint, then waits for approval without uploading")
    void agentRegistersAndWaitsForApproval() throws Exception {
        AgentProcess.Result wrongPin = agent("register", "--server", server(), "--registration-key", registrationKey,
                "--pin-sha256", "AB".repeat(32));
        assertEquals(75, wrongPin.exitCode(), "a TLS failure is worth retrying later: " + wrongPin.output());
        assertTrue(wrongPin.output().contains("not the pinned AB:AB"), wrongPin.output());

        AgentProcess.Result registered = agent("register", "--server", server(), "--registration-key",
                registrationKey, "--pin-sha256", pin, "--device-name", DEVICE);
        assertEquals(0, registered.exitCode(), registered.output());
        assertTrue(registered.output().contains("(PENDING)"), registered.output());

        AgentProcess.Result checkIn = agent("check-in", "--volumes-file", volumesFile("four-volumes.json"));
        assertEquals(0, checkIn.exitCode(), checkIn.output());
        assertTrue(checkIn.output().contains("device is PENDING"), checkIn.output());
        assertRefused(post("keys", upload("{4E7F3159-6D72-4EB1-815F-80AD4C33F301}", seal(REMOVABLE)), assertion()),
                403, "DEVICE_PENDING");

        DevicesPage devices = open(DevicesPage.PATH, DevicesPage::new);
        DevicesPage.Row row = devices.row(DEVICE).orElseThrow();
        assertEquals("PENDING", row.state());
        assertEquals(0, row.keys());
        assertEquals("Default / AMS", row.directory());
        assertFalse(row.lastCheckIn().equals("never"), "the pending device's check-in was recorded");
        assertTrue(open(AgentRegistrationPage.PATH, AgentRegistrationPage::new).keys().stream()
                .anyMatch(k -> k.name().equals("IT devices") && k.activations().equals("1 of unlimited")));
    }

    @Test
    @Order(40)
    @DisplayName("Once approved: OS, fixed and removable volumes escrowed, the decrypted volume not, all recoverable")
    void approvedDeviceEscrowsTheEncryptedVolumes() throws Exception {
        open(DevicesPage.PATH, DevicesPage::new).approve(DEVICE);
        assertEquals("APPROVED", new DevicesPage(browser).row(DEVICE).orElseThrow().state());

        AgentProcess.Result checkIn = agent("check-in", "--volumes-file", volumesFile("four-volumes.json"));

        assertEquals(0, checkIn.exitCode(), checkIn.output());
        assertTrue(checkIn.output().contains("3 escrowed, 0 already held, 0 rejected"), checkIn.output());
        assertFalse(checkIn.output().contains(OS.substring(0, 13)), "the agent never prints a password");
        assertEquals(3, open(DevicesPage.PATH, DevicesPage::new).row(DEVICE).orElseThrow().keys());
        Set<String> recovered = recoveredPasswords();
        JsonObject osLine = exportedEnvelopes().stream()
                .filter(line -> "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}".equals(line.getString("protectorId", null)))
                .findFirst().orElseThrow();
        assertEquals(DEVICE, osLine.getString("deviceName"), "the export says whose key each envelope holds");
        assertEquals("OS", osLine.getString("driveType"));
        assertEquals("CURRENT", osLine.getString("keyState"));
        assertTrue(recovered.containsAll(Set.of(OS, FIXED, REMOVABLE)), "the three escrowed passwords are recoverable");
        assertFalse(recovered.contains(FIXED_REPLACEMENT));

        AgentProcess.Result again = agent("check-in", "--volumes-file", volumesFile("four-volumes.json"));
        assertTrue(again.output().contains("nothing new to escrow (3 already held by the server)"), again.output());
        AgentProcess.Result status = agent("status");
        assertTrue(status.output().contains("Device state:    APPROVED"), status.output());
        assertTrue(status.output().contains("pinned SHA-256 " + pin), status.output());
    }

    @Test
    @Order(50)
    @DisplayName("A replaced protector: the new password is escrowed and the old one kept as history")
    void replacedProtectorKeepsHistory() throws Exception {
        AgentProcess.Result checkIn = agent("check-in", "--volumes-file", volumesFile("fixed-protector-replaced.json"));

        assertTrue(checkIn.output().contains("1 escrowed"), checkIn.output());
        assertEquals(3, open(DevicesPage.PATH, DevicesPage::new).row(DEVICE).orElseThrow().keys(),
                "three current keys");
        assertTrue(recoveredPasswords().containsAll(Set.of(OS, FIXED, FIXED_REPLACEMENT, REMOVABLE)),
                "the superseded password is still stored beside its replacement");
    }

    @Test
    @Order(60)
    @DisplayName("Sent again after a lost answer: acknowledged as already held, no duplicate")
    void reuploadIsIdempotent() throws Exception {
        int before = exportedEnvelopes().size();

        HttpResponse<String> response = post("keys", upload("{4E7F3159-6D72-4EB1-815F-80AD4C33F301}",
                seal(REMOVABLE)), assertion());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"outcome\":\"ALREADY_HELD\""), response.body());
        assertEquals(before, exportedEnvelopes().size());
    }

    @Test
    @Order(65)
    @DisplayName("A password changed on the same protector: stored, the old one superseded and kept")
    void changedPasswordOnTheSameProtector() throws Exception {
        HttpResponse<String> response = post("keys", upload(REMOVABLE_PROTECTOR, seal(REMOVABLE_CHANGED)),
                assertion());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"outcome\":\"STORED\""), response.body());
        assertTrue(recoveredPasswords().containsAll(Set.of(REMOVABLE, REMOVABLE_CHANGED)));
    }

    @Test
    @Order(70)
    @DisplayName("Replayed, expired, forged and missing assertions are refused with their own codes")
    void assertionsAreCheckedStrictly() throws Exception {
        String once = assertion();
        assertEquals(200, post("check-ins", checkInBody(), once).statusCode());
        assertRefused(post("check-ins", checkInBody(), once), 401, "ASSERTION_REPLAYED");

        DeviceAssertion stale = new DeviceAssertion(DeviceKey.load(agentData),
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        assertRefused(post("check-ins", checkInBody(), stale.sign(deviceId(), server())), 401, "ASSERTION_EXPIRED");

        DeviceKey impostor = DeviceKey.loadOrCreate(Files.createTempDirectory(TestEnvironment.work(), "impostor-"));
        String forged = new DeviceAssertion(impostor, Clock.systemUTC()).sign(deviceId(), server());
        assertRefused(post("check-ins", checkInBody(), forged), 401, "INVALID_ASSERTION");

        String elsewhere = new DeviceAssertion(DeviceKey.load(agentData), Clock.systemUTC())
                .sign(deviceId(), "https://other.example");
        assertRefused(post("check-ins", checkInBody(), elsewhere), 401, "INVALID_ASSERTION");
        assertRefused(post("check-ins", checkInBody(), null), 401, "MISSING_ASSERTION");
    }

    @Test
    @Order(72)
    @DisplayName("Without a valid assertion the answer is 401 whatever the body holds, never a body-shape 400")
    void authenticationComesBeforeTheBody() throws Exception {
        for (String call : List.of("check-ins", "keys")) {
            for (String body : List.of("", "{\"volumes\": [", "{\"volumes\": \"C:\"}", "null", checkInBody())) {
                assertRefused(post(call, body, null), 401, "MISSING_ASSERTION");
                assertRefused(postWith(call, body, "Bearer " + assertion()), 401, "MISSING_ASSERTION");
                assertRefused(post(call, body, "not-a-jwt"), 401, "INVALID_ASSERTION");
            }
        }
    }

    @Test
    @Order(74)
    @DisplayName("Assertions must be typed ams-device+jwt, issued by now, live at most five minutes and carry a jti")
    void assertionHeaderAndClaimsAreEnforced() throws Exception {
        Instant now = Instant.now();
        assertEquals(200, post("check-ins", checkInBody(), signed(AgentApi.ASSERTION_TYPE, claims(now,
                now.plusSeconds(120)).build())).statusCode(), "the same assertion as the agent's passes");

        for (String type : new String[] {null, "JWT", "at+jwt"}) {
            HttpResponse<String> refused = post("check-ins", checkInBody(), signed(type,
                    claims(now, now.plusSeconds(120)).build()));
            assertRefused(refused, 401, "INVALID_ASSERTION");
            assertTrue(refused.body().contains(AgentApi.ASSERTION_TYPE), refused.body());
        }
        Instant future = now.plus(Duration.ofMinutes(3));
        assertRefused(post("check-ins", checkInBody(), signed(AgentApi.ASSERTION_TYPE,
                claims(future, future.plusSeconds(120)).build())), 401, "INVALID_ASSERTION");
        assertRefused(post("check-ins", checkInBody(), signed(AgentApi.ASSERTION_TYPE,
                claims(now, now.plus(AgentApi.MAX_ASSERTION_LIFETIME).plusSeconds(30)).build())), 401,
                "INVALID_ASSERTION");
        assertRefused(post("check-ins", checkInBody(), signed(AgentApi.ASSERTION_TYPE,
                claims(now, now.plusSeconds(120)).jwtID(null).build())), 401, "INVALID_ASSERTION");
    }

    @Test
    @Order(76)
    @DisplayName("One assertion sent by eight racing requests: exactly one passes, the others are replays")
    void racingReplaysPassOnce() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ServerTrust.pinned(pin).sslContext())
                .version(HttpClient.Version.HTTP_1_1).build();
        for (int round = 0; round < 3; round++) {
            String once = assertion();
            List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racing.add(client.sendAsync(request("check-ins", checkInBody(), "Device " + once).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : racing) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertEquals(1, answers.stream().filter(a -> a.statusCode() == 200).count(), bodies(answers));
            answers.stream().filter(a -> a.statusCode() != 200).forEach(a -> assertRefused(a, 401,
                    "ASSERTION_REPLAYED"));
        }
    }

    @Test
    @Order(80)
    @DisplayName("The agent API's contract is published as OpenAPI, readable without signing in")
    void agentApiIsDescribedByOpenApi() throws Exception {
        HttpResponse<String> openApi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "openapi")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().contains("/api/agent/v1/keys"), openApi.body());
        assertTrue(openApi.body().contains("/api/agent/v1/registrations"));
    }

    @Test
    @Order(90)
    @DisplayName("Malformed uploads get a 4xx with a clear message and store nothing")
    void malformedUploadsStoreNothing() throws Exception {
        int before = exportedEnvelopes().size();
        String validEnvelope = seal("309540-054054-123915-625218-602910-100716-346984-130779");
        String badChecksum = sealRaw("123456-123456-123456-123456-123456-123456-123456-123456");

        assertRefused(post("keys", "{\"volumes\": [", assertion()), 400, "MALFORMED_REQUEST");
        assertRefused(post("keys", "{\"volumes\": \"C:\"}", assertion()), 400, "MALFORMED_REQUEST");
        assertRefused(post("keys", "{\"volumes\": []}", assertion()), 400, "MALFORMED_REQUEST");
        assertRefused(post("keys", upload("{not-a-guid}", validEnvelope), assertion()), 400, "MALFORMED_REQUEST");
        assertRefused(post("keys", upload("{7B0C5371-8F94-4AD3-A371-A2CF6E55B503}", "%%%not base64%%%"),
                assertion()), 400, "MALFORMED_REQUEST");
        assertRefused(post("keys", upload("{7B0C5371-8F94-4AD3-A371-A2CF6E55B503}",
                Base64.getEncoder().encodeToString("not CMS at all".getBytes(StandardCharsets.UTF_8))),
                assertion()), 422, "KEY_REJECTED");
        HttpResponse<String> checksum = post("keys", upload("{7B0C5371-8F94-4AD3-A371-A2CF6E55B503}", badChecksum),
                assertion());
        assertRefused(checksum, 422, "KEY_REJECTED");
        assertFalse(checksum.body().contains("123456-"), "the refusal never echoes the password");
        // JSON text: C:\..\Windows, \\server\share and a mount point of 66 characters.
        for (String mountPoint : List.of("G:'; drop table recovery_key; --", "C:\\\\..\\\\Windows",
                "\\\\\\\\server\\\\share", "C:\\\\" + "a".repeat(63))) {
            assertRefused(post("keys", upload(REMOVABLE_PROTECTOR, validEnvelope).replace("\"E:\"",
                    "\"" + mountPoint + "\""), assertion()), 400, "MALFORMED_REQUEST");
        }
        for (String volumeId : List.of("G:'; drop table recovery_key; --", "C:",
                "\\\\\\\\?\\\\Volume{6b7c8d9e-0f1a-4b2c-9d3e}\\\\", "x".repeat(300))) {
            HttpResponse<String> refused = post("keys", upload(REMOVABLE_PROTECTOR, validEnvelope).replace(
                    "\\\\\\\\?\\\\Volume{6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e}\\\\", volumeId), assertion());
            assertRefused(refused, 400, "MALFORMED_REQUEST");
            assertFalse(refused.body().contains("drop table"), "the refusal does not echo what was sent");
        }
        String huge = "{\"volumes\": [\"" + "x".repeat(1024 * 1024 + 10) + "\"]}";
        assertRefused(post("keys", huge, assertion()), 413, "REQUEST_TOO_LARGE");

        assertEquals(before, exportedEnvelopes().size(), "nothing of a refused upload was stored");
    }

    @Test
    @Order(95)
    @DisplayName("PostgreSQL unreachable for a moment: 503 with Retry-After, the agent exits 75 to try later, the "
            + "next call after works")
    void databaseOutageAnswersTryLater() throws Exception {
        Assumptions.assumeTrue(TestEnvironment.database().equals("postgresql"), "H2 runs inside the server's own "
                + "process: its database cannot become unreachable while the server runs, so there is no outage to "
                + "answer on H2");
        String database = System.getProperty(TestEnvironment.POSTGRES_DATABASE);
        int retryAfter;
        try (Connection postgres = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                TestEnvironment.postgresUser(), "");
             Statement sql = postgres.createStatement()) {
            try {
                // New connections are refused and the server's open ones cut: the server's view of an outage.
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "'");

                for (HttpResponse<String> during : List.of(post("check-ins", checkInBody(), assertion()),
                        post("keys", upload(REMOVABLE_PROTECTOR, seal(REMOVABLE_CHANGED)), assertion()),
                        post("check-ins", checkInBody(), assertion()))) {
                    assertRefused(during, 503, "SERVICE_UNAVAILABLE");
                    assertEquals("5", during.headers().firstValue("Retry-After").orElse(null), during.body());
                }
                retryAfter = 5;
                AgentProcess.Result agent = agent("check-in", "--volumes-file", volumesFile("four-volumes.json"));
                assertEquals(75, agent.exitCode(), "a temporary failure: " + agent.output());
                assertTrue(agent.output().contains("cannot reach its database"), agent.output());
            } finally {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }

        // A client that waits as Retry-After says finds the server working again (the server asks the database
        // whether it is back at most once a second, so a call made at once may still be told to wait).
        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter));
        HttpResponse<String> after = post("check-ins", checkInBody(), assertion());
        assertEquals(200, after.statusCode(), after.body());
    }

    @Test
    @Order(100)
    @DisplayName("Registration keys: a used-up key and a disabled key are refused")
    void registrationKeysAreEnforced() throws Exception {
        Path second = Files.createTempDirectory(TestEnvironment.work(), "agent-2-");
        Path third = Files.createTempDirectory(TestEnvironment.work(), "agent-3-");
        assertEquals(0, agentIn(second, "register", "--server", server(), "--registration-key", singleUseKey,
                "--pin-sha256", pin, "--device-name", "IT-PC-2").exitCode());
        AgentProcess.Result exhausted = agentIn(third, "register", "--server", server(), "--registration-key",
                singleUseKey, "--pin-sha256", pin, "--device-name", "IT-PC-3");
        assertEquals(1, exhausted.exitCode());
        assertTrue(exhausted.output().contains("used for all of its 1 registrations"), exhausted.output());

        open(AgentRegistrationPage.PATH, AgentRegistrationPage::new).disableKey("IT devices");
        AgentProcess.Result disabled = agentIn(third, "register", "--server", server(), "--registration-key",
                registrationKey, "--pin-sha256", pin, "--device-name", "IT-PC-3");
        assertTrue(disabled.output().contains("disabled by an administrator"), disabled.output());
        assertEquals("APPROVED", open(DevicesPage.PATH, DevicesPage::new).row("IT-PC-2").orElseThrow().state(),
                "a key without approval registers devices approved");
    }

    @Test
    @Order(110)
    @DisplayName("Groups: create one, add and remove a device, refuse duplicates and changes to All devices")
    void deviceGroups() {
        GroupsPage groups = open(GroupsPage.PATH, GroupsPage::new);
        assertFalse(groups.row("All devices").orElseThrow().editable(), "the built-in group cannot be changed");

        groups.add("Finance laptops", "Laptops of the finance department");
        new GroupsPage(browser).add("finance LAPTOPS", "");
        assertTrue(new GroupsPage(browser).errorText().contains("already has a device group named 'finance LAPTOPS'"),
                new GroupsPage(browser).errorText());
        new GroupsPage(browser).openMembers("Finance laptops");
        new GroupsPage(browser).addMember("IT-PC-2");

        assertEquals(List.of("IT-PC-2"), new GroupsPage(browser).members());
        assertEquals(1, new GroupsPage(browser).row("Finance laptops").orElseThrow().members());
        assertEquals("All devices, Finance laptops",
                open(DevicesPage.PATH, DevicesPage::new).row("IT-PC-2").orElseThrow().groups());

        open(GroupsPage.PATH, GroupsPage::new).openMembers("Finance laptops");
        new GroupsPage(browser).removeMember("IT-PC-2");
        assertEquals(List.of(), new GroupsPage(browser).members());
        new GroupsPage(browser).delete("Finance laptops");
        assertTrue(new GroupsPage(browser).row("Finance laptops").isEmpty());
        assertEquals("All devices", open(DevicesPage.PATH, DevicesPage::new).row("IT-PC-2").orElseThrow().groups());
    }

    @Test
    @Order(120)
    @DisplayName("A second tenant: its registration keys register devices into its own AMS directory")
    void devicesJoinTheTenantOfTheirRegistrationKey() throws Exception {
        GroupsPage groups = open(GroupsPage.PATH, GroupsPage::new);
        // Other classes sharing the server may have tenants of their own: what this adds is compared with before.
        List<String> before = groups.tenants();
        assertTrue(before.contains("Default") && !before.contains("Branch office"), before.toString());
        groups.addTenant("Branch office");
        new GroupsPage(browser).addTenant("branch OFFICE");
        assertTrue(new GroupsPage(browser).errorText().contains("already exists"));
        List<String> tenantsAfter = new GroupsPage(browser).tenants();
        assertTrue(tenantsAfter.contains("Branch office"), tenantsAfter.toString());
        assertEquals(before.size() + 1, tenantsAfter.size(), "one tenant more, not two: " + tenantsAfter);
        new GroupsPage(browser).add("Branch office", "Branch laptops", "");

        String branchKey = open(AgentRegistrationPage.PATH, AgentRegistrationPage::new)
                .addKey("Branch office", "Branch devices", null, false);
        Path branchAgent = Files.createTempDirectory(TestEnvironment.work(), "agent-branch-");
        AgentProcess.Result registered = agentIn(branchAgent, "register", "--server", server(), "--registration-key",
                branchKey, "--pin-sha256", pin, "--device-name", "BRANCH-PC-1");

        assertEquals(0, registered.exitCode(), registered.output());
        assertEquals("Branch office / AMS", open(DevicesPage.PATH, DevicesPage::new).row("BRANCH-PC-1").orElseThrow()
                .directory());
        GroupsPage after = open(GroupsPage.PATH, GroupsPage::new);
        assertEquals(1, after.members("Branch office", "All devices"));
        after.openMembers("Branch laptops");
        new GroupsPage(browser).addMember("IT-PC-2");
        assertTrue(new GroupsPage(browser).errorText().contains("belongs to tenant Default"),
                new GroupsPage(browser).errorText());
    }

    @Test
    @Order(130)
    @DisplayName("Disabled and deleted devices are refused with their own codes; deleting keeps the keys")
    void disabledAndDeletedDevicesAreRefused() throws Exception {
        open(DevicesPage.PATH, DevicesPage::new).disable(DEVICE);
        AgentProcess.Result disabled = agent("check-in", "--volumes-file", volumesFile("four-volumes.json"));
        assertEquals(1, disabled.exitCode());
        assertTrue(disabled.output().contains("An administrator disabled this device"), disabled.output());

        new DevicesPage(browser).enable(DEVICE);
        assertEquals(0, agent("check-in", "--volumes-file", volumesFile("fixed-protector-replaced.json")).exitCode());

        new DevicesPage(browser).delete(DEVICE);
        assertTrue(new DevicesPage(browser).row(DEVICE).isEmpty(), "a deleted device leaves the list");
        AgentProcess.Result deleted = agent("check-in", "--volumes-file", volumesFile("four-volumes.json"));
        assertTrue(deleted.output().contains("This device was deleted from AMS"), deleted.output());
        assertTrue(recoveredPasswords().containsAll(Set.of(OS, FIXED, FIXED_REPLACEMENT, REMOVABLE)),
                "its escrowed passwords are kept");

        DevicesPage deletedList = open(DevicesPage.PATH, DevicesPage::new);
        deletedList.toggleDeleted();
        assertEquals("DELETED", new DevicesPage(browser).row(DEVICE).orElseThrow().state());
        new DevicesPage(browser).purge(DEVICE);
        assertTrue(new DevicesPage(browser).infoText().contains("5 escrowed recovery password(s) of " + DEVICE
                + " were destroyed"), new DevicesPage(browser).infoText());
        assertTrue(exportedEnvelopes().stream().noneMatch(line -> DEVICE.equals(line.getString("deviceName", null))),
                "nothing of the purged device is left");
    }

    @Test
    @Order(140)
    @DisplayName("Escrow is audited: each upload, each superseded key and the purge, in the chain, found by the "
            + "computer filter and exported, never a password")
    void escrowIsInTheAuditTrail() throws Exception {
        String deviceId = deviceId();
        AuditLogPage page = open(AuditLogPage.PATH, AuditLogPage::new);
        page.filter(null, DEVICE);
        assertTrue(page.rows().stream().anyMatch(row -> row.action().equals("recovery-keys.uploaded")
                && row.targetName().equals(DEVICE)), page.rows().toString());

        // Other classes share the audit chain: only this device's escrow records count, oldest first.
        Set<String> escrowActions = Set.of("recovery-keys.uploaded", "recovery-key.superseded", "device.purged");
        List<JsonObject> records = exportedAuditRecords().stream()
                .filter(record -> deviceId.equals(record.getString("targetId", null))
                        && escrowActions.contains(record.getString("action"))).toList();
        List<String> actions = records.stream().map(r -> r.getString("action")).toList();
        assertEquals(List.of("recovery-keys.uploaded", "recovery-key.superseded", "recovery-keys.uploaded",
                "recovery-keys.uploaded", "recovery-key.superseded", "recovery-keys.uploaded", "device.purged"),
                actions);

        assertEquals("3 recovery password(s) uploaded: 3 stored, 0 already held. "
                + "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE} (OS, C:): STORED; "
                + "{2C5D1F37-4B50-4C9F-AF3D-6E8B2A11D1EF} (FIXED, D:): STORED; "
                + REMOVABLE_PROTECTOR + " (REMOVABLE, E:): STORED", records.get(0).getString("details"));
        assertTrue(records.get(1).getString("details").startsWith("Recovery password of "
                + "{2C5D1F37-4B50-4C9F-AF3D-6E8B2A11D1EF} (FIXED, D:), escrowed "), records.get(1).toString());
        assertTrue(records.get(1).getString("details").endsWith("superseded: its protector is no longer on the "
                + "device. It is kept as history."), records.get(1).toString());
        assertEquals("1 recovery password(s) uploaded: 1 stored, 0 already held. "
                + "{3D6E2048-5C61-4DA0-B04E-7F9C3B22E2F0} (FIXED, D:): STORED", records.get(2).getString("details"));
        assertEquals("1 recovery password(s) uploaded: 0 stored, 1 already held. " + REMOVABLE_PROTECTOR
                + " (REMOVABLE, E:): ALREADY_HELD", records.get(3).getString("details"));
        assertTrue(records.get(4).getString("details").contains(REMOVABLE_PROTECTOR + " (REMOVABLE, E:), escrowed ")
                && records.get(4).getString("details").contains("replaced by a new recovery password for the same "
                + "protector"), records.get(4).toString());
        assertEquals("1 recovery password(s) uploaded: 1 stored, 0 already held. " + REMOVABLE_PROTECTOR
                + " (REMOVABLE, E:): STORED", records.get(5).getString("details"));
        String purged = records.get(6).getString("details");
        assertTrue(purged.startsWith("5 escrowed recovery password(s) destroyed: "), purged);
        for (String protector : List.of("{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}",
                "{2C5D1F37-4B50-4C9F-AF3D-6E8B2A11D1EF}", "{3D6E2048-5C61-4DA0-B04E-7F9C3B22E2F0}",
                REMOVABLE_PROTECTOR)) {
            assertTrue(purged.contains(protector), purged);
        }
        for (JsonObject record : records) {
            assertNotEquals("", record.getString("recordHash", ""), "every record is a link of the chain");
            for (String password : List.of(OS, FIXED, FIXED_REPLACEMENT, REMOVABLE, REMOVABLE_CHANGED)) {
                assertFalse(record.toString().contains(password.substring(0, 13))
                        || record.toString().contains(password.replace("-", "").substring(0, 12)),
                        "no recovery password in the audit log: " + record.getString("action"));
            }
        }
        assertTrue(open(AuditLogPage.PATH, AuditLogPage::new).verify().contains("intact"), "the chain verifies");
    }

    // ---- helpers ----

    private static AgentProcess.Result agent(String... arguments) throws Exception {
        return agentIn(agentData, arguments);
    }

    private static AgentProcess.Result agentIn(Path data, String... arguments) throws Exception {
        String[] all = Stream.concat(Stream.of(arguments), Stream.of("--data-dir", data.toString()))
                .toArray(String[]::new);
        // The command name comes first: picocli takes options after it.
        return AgentProcess.run(all);
    }

    private static String server() {
        return ConsoleSetup.httpsServer();
    }

    private static String volumesFile(String name) throws IOException {
        Path file = volumes.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = AgentEscrowIT.class.getResourceAsStream("/volumes/" + name)) {
                Files.copy(in, file);
            }
        }
        return file.toString();
    }

    /**
     * The recovery passwords sealed to this test's certificate, recovered as an administrator would after a disaster:
     * from the "Download encrypted secrets" export and the certificate backup, without the server. (Other IT classes
     * of the run keep secrets of their own in the same database, sealed to their certificates.)
     */
    private Set<String> recoveredPasswords() throws Exception {
        Set<String> passwords = new HashSet<>();
        EnvelopeDecryptor decryptor = new EnvelopeDecryptor();
        String thumbprint = EncryptionCertificates.thumbprintSha256(backup.certificate());
        for (JsonObject line : exportedEnvelopes()) {
            if (!thumbprint.equalsIgnoreCase(line.getString("certificateThumbprint"))
                    || !"RECOVERY_PASSWORD".equals(line.getString("kind"))) {
                continue;
            }
            RecoveryPassword password = decryptor.openRecoveryPassword(
                    Base64.getDecoder().decode(line.getString("envelope")), backup.privateKey(), backup.certificate());
            passwords.add(password.formatted());
        }
        assertFalse(passwords.contains(DECRYPTED_VOLUME), "a fully decrypted volume is never escrowed");
        return passwords;
    }

    private List<JsonObject> exportedEnvelopes() throws Exception {
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path file : old.filter(f -> f.toString().endsWith(".jsonl")).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        open("admin/agent/password-settings.xhtml", PasswordSettingsPage::new).downloadEncryptedSecrets();
        Path export = console().awaitDownload(".jsonl");
        return Files.readAllLines(export, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(l -> Json.createReader(new StringReader(l)).readObject()).collect(Collectors.toList());
    }

    /** The records the Audit log page exports as JSON lines under its current filter. */
    private List<JsonObject> exportedAuditRecords() throws Exception {
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path file : old.filter(f -> f.toString().endsWith(".jsonl")).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        new AuditLogPage(browser).exportJsonLines();
        Path export = console().awaitDownload(".jsonl");
        return Files.readAllLines(export, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(l -> Json.createReader(new StringReader(l)).readObject()).collect(Collectors.toList());
    }

    /** An assertion signed with this device's key, with the given {@code typ} ({@code null}: none) and claims. */
    private static String signed(String type, JWTClaimsSet claims) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256);
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner(DeviceKey.load(agentData).privateKey()));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(Instant issued, Instant expires) throws IOException {
        return new JWTClaimsSet.Builder().issuer(deviceId()).subject(deviceId())
                .audience(AgentApi.audience(server())).issueTime(Date.from(issued))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString());
    }

    private static String bodies(List<HttpResponse<String>> answers) {
        return answers.stream().map(a -> a.statusCode() + " " + a.body()).collect(Collectors.joining("\n"));
    }

    private static String deviceId() throws IOException {
        String state = Files.readString(agentData.resolve("agent-state.json"));
        return Json.createReader(new StringReader(state)).readObject().getString("deviceId");
    }

    private static String assertion() throws IOException {
        return new DeviceAssertion(DeviceKey.load(agentData), Clock.systemUTC()).sign(deviceId(), server());
    }

    private static String seal(String password) throws Exception {
        return sealRaw(password);
    }

    /** Seals text as the agent would, without the agent's checksum test, to see what the server does with it. */
    private static String sealRaw(String text) throws Exception {
        return Base64.getEncoder().encodeToString(new EnvelopeEncryptor()
                .encrypt(text.getBytes(StandardCharsets.US_ASCII), backup.certificate()));
    }

    private static String upload(String protectorId, String envelope) {
        return "{\"volumes\":[{\"volumeId\":\"\\\\\\\\?\\\\Volume{6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e}\\\\\","
                + "\"mountPoint\":\"E:\",\"driveType\":\"REMOVABLE\",\"protectors\":[{\"protectorId\":\""
                + protectorId + "\",\"envelope\":\"" + envelope + "\"}]}]}";
    }

    private static String checkInBody() {
        return "{\"device\":{\"hostname\":\"" + DEVICE + "\",\"osName\":\"Windows 11\"}}";
    }

    private static HttpResponse<String> post(String call, String body, String assertion) throws Exception {
        return postWith(call, body, assertion == null ? null : "Device " + assertion);
    }

    /** A call with exactly this {@code Authorization} header ({@code null}: none). */
    private static HttpResponse<String> postWith(String call, String body, String authorization) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ServerTrust.pinned(pin).sslContext())
                .version(HttpClient.Version.HTTP_1_1).build();
        return client.send(request(call, body, authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String call, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server() + "/api/agent/v1/" + call))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(code, error.getString("code"), response.body());
        assertFalse(error.getString("message").isBlank());
    }

}
