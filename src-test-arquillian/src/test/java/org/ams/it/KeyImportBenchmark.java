package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ams.agents.AgentSupport;
import org.ams.agents.RegistrationKeys;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.keyimport.KeyImportRun;
import org.ams.keyimport.KeyImportRunner;
import org.ams.keyimport.KeyImportSettings;
import org.ams.keyimport.KeyImports;
import org.ams.platform.AmsSettings;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test: the key import benchmark. An initial import of 100,000 recovery passwords from an Active
 * Directory-shaped LDAP server (50,000 computers with two each; UnboundID's in-memory server as {@link KeyImportIT}
 * uses it, here in the test's process), beside the server's own key-upload rate ({@code ams-agent simulate}) in the
 * same run. Run with
 * <pre>
 * mvn -B -pl src-test-arquillian/h2,src-test-arquillian/postgresql -am verify -Dit.test=KeyImportBenchmark \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Dams.bench.import-computers=50000]
 * </pre>
 * (the name does not end in IT, so {@code mvn verify} leaves it out). The in-container steps hand their figures to the
 * client's last step through a file in the server's data directory, which both processes see.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyImportBenchmark {

    private static final int KEYS_PER_COMPUTER = 2;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 4).toUpperCase(Locale.ROOT);
    private static final String REGISTRATION_KEY_FILE = "key-import-benchmark.registration-key";
    private static final String UPLOAD_FILE = "key-import-benchmark.upload";
    private static final String IMPORT_FILE = "key-import-benchmark.import";
    private static final String DIRECTORY_FILE = "key-import-benchmark.directory";

    /** The LDAP server, in the test's JVM (its heap, not the server's, holds the 150,000 entries). */
    private static BitLockerDirectory ldap;
    private static final Pattern KEYS_PER_SECOND = Pattern.compile("key upload \\(2 keys\\).*; (\\d+) keys/s");

    @Inject
    private AsAdministrator admin;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private AgentSupport agentSupport;
    @Inject
    private RegistrationKeys registrationKeys;
    @Inject
    private DirectorySourceService directories;
    @Inject
    private KeyImports imports;
    @Inject
    private KeyImportRunner runner;
    @Inject
    private DeviceDirectory devices;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    void readyForAgents() throws Exception {
        fixture.ensureActiveCertificate("AMS import benchmark", "Import-Benchmark-backup-1");
        admin.call(() -> {
            agentSupport.setEnabled(true);
            return null;
        });
        Tenant tenant = admin.call(() -> devices.createTenant("Upload benchmark " + SUFFIX));
        String key = admin.call(() -> registrationKeys.create(tenant.getId(), "Import benchmark " + SUFFIX, null,
                null, false, java.util.Set.of())).key();
        Files.writeString(shared(REGISTRATION_KEY_FILE), key);
    }

    @Test
    @Order(2)
    @RunAsClient
    void uploadRate() throws Exception {
        String key = Files.readString(sharedFromClient(REGISTRATION_KEY_FILE));
        AgentProcess.Result result = AgentProcess.run("simulate", "--server", ConsoleSetup.httpsServer(),
                "--registration-key", key, "--pin-sha256", ConsoleSetup.servedFingerprint(), "--devices", "300",
                "--check-ins", "1", "--keys", "2", "--threads", "16");
        assertEquals(0, result.exitCode(), result.output());
        Matcher rate = KEYS_PER_SECOND.matcher(result.output());
        assertTrue(rate.find(), result.output());
        Files.writeString(sharedFromClient(UPLOAD_FILE), rate.group(1));
    }

    @Test
    @Order(3)
    @RunAsClient
    void directoryWithTheKeys() throws Exception {
        int computers = Integer.getInteger("ams.bench.import-computers", 50_000);
        long building = System.nanoTime();
        ldap = BitLockerDirectory.start("DC1");
        for (int i = 1; i <= computers; i++) {
            String name = String.format("KIB%s-%06d", SUFFIX, i);
            ldap.addComputer(name);
            for (int k = 0; k < KEYS_PER_COMPUTER; k++) {
                ldap.addRecoveryInformation(name, BitLockerDirectory.validPassword());
            }
        }
        double built = (System.nanoTime() - building) / 1e9;
        double reading = ldap.secondsToReadEverything(KeyImportRunner.DEFAULT_PAGE_SIZE);
        Files.writeString(sharedFromClient(DIRECTORY_FILE), String.format(Locale.ROOT, "%s %d %.1f %.3f", ldap.url(),
                computers * KEYS_PER_COMPUTER, built, reading));
    }

    @Test
    @Order(4)
    void initialImport() throws Exception {
        String[] directory = Files.readString(shared(DIRECTORY_FILE)).strip().split(" ");
        int keys = Integer.parseInt(directory[1]);
        UUID source = admin.call(() -> directories.add("Import benchmark " + SUFFIX,
                KeyImportIT.settings(directory[0]), BitLockerDirectory.BIND_PASSWORD.toCharArray())).getId();
        Tenant tenant = admin.call(() -> devices.createTenant("Import benchmark " + SUFFIX));
        admin.call(() -> imports.configure(source, new KeyImportSettings(true,
                List.of(BitLockerDirectory.COMPUTERS), 60, tenant.getId(), null)));

        long started = System.nanoTime();
        KeyImportRun run = admin.call(() -> runner.runNow(source, true, KeyImportRunner.DEFAULT_PAGE_SIZE, 0));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(run.complete(), "the run went through");
        assertEquals(keys, run.counts().newKeys(), "every key came in once");
        Files.writeString(shared(IMPORT_FILE), String.format(Locale.ROOT, "%d %d %.3f",
                run.counts().newKeys(), run.counts().computersCreated(), seconds));
    }

    @Test
    @Order(5)
    @RunAsClient
    void report() throws Exception {
        if (ldap != null) {
            ldap.close();
        }
        String[] directory = Files.readString(sharedFromClient(DIRECTORY_FILE)).strip().split(" ");
        double uploadKeysPerSecond = Double.parseDouble(Files.readString(sharedFromClient(UPLOAD_FILE)).strip());
        String[] imported = Files.readString(sharedFromClient(IMPORT_FILE)).strip().split(" ");
        int keys = Integer.parseInt(imported[0]);
        double seconds = Double.parseDouble(imported[2]);
        double importKeysPerSecond = keys / seconds;
        // The test directory answers each page by searching all its entries again, so reading it costs more than
        // reading Active Directory would; its own time (the same reads without AMS) is printed and taken out.
        double directorySeconds = Double.parseDouble(directory[3]);
        double amsKeysPerSecond = keys / Math.max(0.001, seconds - directorySeconds);
        System.out.printf("[import-bench] %s: initial import of %,d keys (%s new computers) from LDAP in %.1f s: "
                        + "%.0f keys/s; agent key uploads in the same run: %.0f keys/s; import/upload %.2f. The test "
                        + "directory alone answers the same reads in %.1f s; without them, AMS imports %.0f keys/s, "
                        + "import/upload %.2f (directory of %s computers built in %s s, not counted)%n",
                TestEnvironment.database(), keys, imported[1], seconds, importKeysPerSecond, uploadKeysPerSecond,
                importKeysPerSecond / uploadKeysPerSecond, directorySeconds, amsKeysPerSecond,
                amsKeysPerSecond / uploadKeysPerSecond, imported[1], directory[2]);
    }

    /** A file in the server's data directory, from inside the server. */
    private static Path shared(String name) {
        return AmsSettings.current().dataDirectory().resolve(name);
    }

    /** The same file, from the test's side: the data directory it gave the server. */
    private static Path sharedFromClient(String name) {
        return Path.of(System.getProperty(TestEnvironment.DATA_DIR)).resolve(name);
    }
}
