package org.ams.it.upgrade;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ams.audit.AuditEntry;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;

/**
 * Fills an empty AMS database the way a long-lived installation filled it, one migration at a time, so that starting
 * the current server on it proves an upgrade keeps every kind of data working. Runs in the test JVM before the
 * server starts.
 * <p>
 * The product's own Flyway migrations take the schema from V1 to V{@value #LAST_VERSION}, one version at a time;
 * right after each version, plain JDBC writes rows of every kind that version introduced, in that version's format
 * (see {@link #STEPS}). The last migration is left to the server's own start. Secrets are made with the product's
 * classes in the formats the server reads: the master key goes into {@code dataDirectory} as the server would create
 * it, certificates' private keys are sealed under it, recovery passwords are sealed to the certificates.
 * <p>
 * What a verifier needs (ids, names, expected decisions, SHA-256 digests of secrets) is written to
 * {@value FixtureFacts#FILE_NAME} in {@code dataDirectory.getParent()} ({@link FixtureFacts}).
 */
public final class UpgradeFixture {

    /** The schema version the fixture leaves behind; the server migrates on from there. */
    public static final int LAST_VERSION = 15;

    /** What is written right after each migration version. */
    private static final Map<Integer, Step> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put(1, IdentityData::foundation);
        STEPS.put(2, IdentityData::auditedChanges);
        STEPS.put(3, CertificateData::firstCertificates);
        STEPS.put(4, IdentityData::directorySource);
        STEPS.put(5, DeviceData::directoryAndEscrow);
        STEPS.put(6, IdentityData::localGroups);
        STEPS.put(7, DeviceData::tenantKeys);
        STEPS.put(8, PolicyData::policies);
        STEPS.put(9, UpgradeFixture::hashChain);
        STEPS.put(10, RuleData::rules);
        STEPS.put(11, ctx -> {
            NotificationData.channels(ctx);
            RuleData.channels(ctx);
        });
        STEPS.put(12, ctx -> {
            SettingsData.accessSettings(ctx);
            CertificateData.rotationInProgress(ctx);
        });
        STEPS.put(13, ctx -> {
            DeviceData.escrowAfterRotation(ctx);
            keyIdLookup(ctx, "hugo", "kiosk-os");
        });
        STEPS.put(14, SettingsData::auditForwarding);
        STEPS.put(15, UpgradeFixture::indexOnly);
    }

    private UpgradeFixture() {
    }

    /**
     * Fills an empty database and writes the facts file.
     *
     * @param jdbcUrl       the database the server will start on; for H2 the embedded URL of {@code dataDirectory}
     *                      ({@code AmsSettings#databaseUrl()}), with user {@code ams} and an empty password as the
     *                      server connects to it
     * @param dataDirectory the server's {@code ams.data.dir}; the master key is created in it
     */
    public static void fill(String jdbcUrl, String user, String password, Path dataDirectory) {
        FixtureMigrations migrations = new FixtureMigrations(jdbcUrl, user, password);
        FixtureFacts facts = new FixtureFacts();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            FixtureContext ctx = new FixtureContext(new Rows(connection), facts,
                    FixtureCrypto.forDataDirectory(dataDirectory), new FixtureClock(Instant.now(), LAST_VERSION));
            for (Map.Entry<Integer, Step> step : STEPS.entrySet()) {
                int version = step.getKey();
                String reached = migrations.to(version);
                if (!reached.equals(String.valueOf(version))) {
                    throw new IllegalStateException("Expected the schema at V" + version + ", found V" + reached);
                }
                ctx.atVersion(version);
                step.getValue().fill(ctx);
                connection.commit();
            }
            IdentityData.describeEffectiveRoles(facts);
            ctx.audit.describe();
            facts.put("fixture.schema-version", LAST_VERSION).put("fixture.database", jdbcUrl.split(":")[1]);
        } catch (Exception e) {
            throw new IllegalStateException("The upgrade fixture could not fill " + redacted(jdbcUrl) + ": " + e, e);
        }
        facts.write(FixtureFacts.fileFor(dataDirectory));
    }

    /**
     * A version that introduces no kind of row: V15 indexes {@code recovery_key.escrowed_at}, which the keys escrowed
     * at V5 and V13 already fill months apart.
     */
    private static void indexOnly(FixtureContext ctx) {
    }

    /** V9: the records written so far get their hashes, as a V9 server does first; then records with V9's fields. */
    private static void hashChain(FixtureContext ctx) throws Exception {
        ctx.audit.chainUnchained();
        ctx.audited(ctx.facts.get("account.hugo.username"), AuditEntry.builder("access.key-id-looked-up",
                        "RecoveryKeyId").target(ctx.facts.get("recovery-key.laptop-os.key-id"), "PC-LAPTOP-01")
                .details("1 protector found").clientAddress("192.0.2.19").reason("Caller read the key id aloud")
                .resultCode(ResultCode.SUCCESS.name()).permission(Permission.READ_BITLOCKER_KEY_METADATA.name())
                .build());
        ctx.audited("system", "secrets.exported", "SealedSecret", null, "all sealed secrets",
                "encrypted envelope(s) exported for disaster recovery");
    }

    /** V13 indexes the access-request records by user and address; more of them, from two addresses. */
    private static void keyIdLookup(FixtureContext ctx, String user, String key) throws Exception {
        for (String address : new String[] {"192.0.2.31", "2001:db8::31"}) {
            ctx.audited(ctx.facts.get("account." + user + ".username"), AuditEntry.builder("access.key-id-looked-up",
                            "RecoveryKeyId").target(ctx.facts.get("recovery-key." + key + ".key-id"), null)
                    .details("1 protector found").clientAddress(address).reason(null)
                    .resultCode(ResultCode.SUCCESS.name()).permission(Permission.READ_BITLOCKER_KEY_METADATA.name())
                    .build());
        }
    }

    private static String redacted(String url) {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    /** The rows one migration version introduced. */
    @FunctionalInterface
    interface Step {
        void fill(FixtureContext ctx) throws Exception;
    }
}
