package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBTransactionRequiredException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.audit.AuditDigest;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditExportFormat;
import org.ams.audit.AuditFilter;
import org.ams.audit.AuditLog;
import org.ams.audit.AuditTrail;
import org.ams.audit.AuditVerification;
import org.ams.audit.ChainVerification;
import org.ams.audit.forward.AuditForwarding;
import org.ams.audit.forward.AuditForwardingException;
import org.ams.audit.forward.AuditForwardingSettings;
import org.ams.audit.forward.ForwardingStatus;
import org.ams.audit.forward.SyslogFacility;
import org.ams.audit.forward.SyslogTarget;
import org.ams.audit.forward.SyslogTransport;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.escrow.Rotations;
import org.ams.identity.Role;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit log's hash chain inside the running server, on H2 and on PostgreSQL: records are chained and verify as
 * intact; a record edited, unlinked or deleted behind the application's back (plain SQL on its database) is reported
 * at its sequence number, and restoring it makes the chain intact again; concurrent transactions never fork the chain;
 * a long chain verifies in batches; records of an upgraded database are chained on first use. Forwarding to a syslog
 * receiver (a TCP listener in the test) delivers each record with its sequence number and hash, and a receiver that
 * was down receives the backlog when it is back.
 * <p>
 * Tampering needs SQL behind the application's back by its nature; every record itself is written through
 * {@link AuditTrail}. Test methods run in order and build on each other.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogIT {

    /**
     * A long chain: verification reads it in batches of 500, never all at once. 20,000 records are 40 batches, which
     * proves the batching. (A 100,000-record chain, tried by hand once, verified in 4 to 18 s but cost CI minutes to
     * write; it is not part of the test.)
     */
    private static final int LONG_CHAIN = 20_000;
    private static final int THREADS = 8;
    /** The principal {@link AsAdministrator} runs as (see {@code in-container/glassfish-ejb-jar.xml}). */
    private static final String AS_ADMINISTRATOR = "in-container-test-administrator";
    private static final int RECORDS_PER_THREAD = 25;

    @Inject
    private AuditTrail trail;

    @Inject
    private AuditVerification verification;

    @Inject
    private AuditLog log;

    @Inject
    private AsAdministrator admin;

    @Inject
    private SignedInCalls signedIn;

    @Inject
    private AuditForwarding forwarding;

    /** The port of the syslog listener, the same across the forwarding tests so that it can be restarted. */
    private static int syslogPort;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AccessRequests requests;

    @Inject
    private DeviceDirectory devices;

    @Inject
    private DeviceFixture fixture;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @Resource(lookup = "java:app/jdbc/ams")
    private DataSource database;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Records are chained one to the next and verify as intact; the head names the last record's hash")
    void recordsAreChained() throws Exception {
        AuditEvent first = inTransaction(() -> trail.record("test.first", "Device", "d-1", "PC-AUDIT-1", "one"));
        AuditEvent second = inTransaction(() -> trail.record(AuditEntry.builder("access.requested", "Device")
                .target("d-2", "PC-AUDIT-2").clientAddress("192.0.2.10").reason("Locked out")
                .resultCode("ExplicitlyDenied").permission("ReadRecoveryPassword")
                .rule("rule-1", "Deny contractors").notificationChannels(List.of("Security mail")).build()));

        assertEquals(first.getSequence() + 1, second.getSequence());
        assertEquals(first.getRecordHash(), second.getPreviousHash());
        ChainVerification result = verify();
        assertTrue(result.intact(), result.description());
        assertEquals(second.getSequence(), result.records());
        assertEquals(second.getRecordHash(), result.lastHash());
        assertEquals("The audit log is intact: " + result.records() + " records, last hash "
                + second.getRecordHash() + ".", result.description());

        AuditEvent stored = admin.call(() -> log.search(new AuditFilter(null, null, null, "PC-AUDIT-2", null), 0, 5))
                .get(0);
        assertEquals("ExplicitlyDenied", stored.getResultCode());
        assertEquals("192.0.2.10", stored.getClientAddress());
        assertEquals("Deny contractors", stored.getRuleDescription());
        assertEquals("Security mail", stored.getNotificationChannels());
        assertEquals(second.getRecordHash(), stored.getRecordHash(), "the stored record hashes as it was written");
    }

    @Test
    @Order(2)
    @DisplayName("A record needs the caller's transaction; a rolled-back action leaves no record and no gap")
    void recordsCommitWithTheirAction() throws Exception {
        assertThrows(EJBTransactionRequiredException.class,
                () -> trail.record("test.no-transaction", "Device", null, null, null));
        long before = verify().lastSequence();

        transaction.begin();
        trail.record("test.rolled-back", "Device", null, "PC-ROLLED-BACK", null);
        transaction.rollback();

        ChainVerification after = verify();
        assertTrue(after.intact(), after.description());
        assertEquals(before, after.lastSequence());
        assertEquals(0, count(new AuditFilter(null, null, null, "PC-ROLLED-BACK", null)));
    }

    @Test
    @Order(3)
    @DisplayName("Only Auditors and Administrators may verify or read the log")
    void verificationNeedsTheRole() {
        assertThrows(EJBAccessException.class, () -> verification.verify());
        assertThrows(EJBAccessException.class, () -> log.search(AuditFilter.ANY, 0, 1));
    }

    @Test
    @Order(4)
    @DisplayName("An edited record is reported at its sequence number; restored, the chain is intact again")
    void editedRecordIsFound() throws Exception {
        AuditEvent target = inTransaction(() -> trail.record("test.to-edit", "Device", "d-3", "PC-AUDIT-3",
                "original details"));
        inTransaction(() -> trail.record("test.after-edit", "Device", "d-4", "PC-AUDIT-4", null));

        // Every tampering is undone in finally: the classes that share this server verify the same chain.
        sql("UPDATE audit_event SET details = 'nothing to see here' WHERE sequence_number = " + target.getSequence());
        try {
            ChainVerification edited = verify();

            assertEquals(ChainVerification.Status.EDITED, edited.status());
            assertEquals(target.getSequence(), edited.brokenAt());
            assertEquals(target.getSequence() - 1, edited.records());
            assertEquals("The audit log is broken at record " + target.getSequence()
                    + ": its content does not match its hash (the record was edited).", edited.description());
        } finally {
            sql("UPDATE audit_event SET details = 'original details' WHERE sequence_number = " + target.getSequence());
        }
        assertTrue(verify().intact());

        sql("UPDATE audit_event SET occurred_at = occurred_at + INTERVAL '1' SECOND WHERE sequence_number = "
                + target.getSequence());
        try {
            assertEquals(ChainVerification.Status.EDITED, verify().status(), "the time is covered too");
        } finally {
            sql("UPDATE audit_event SET occurred_at = occurred_at - INTERVAL '1' SECOND WHERE sequence_number = "
                    + target.getSequence());
        }
        assertTrue(verify().intact());
    }

    @Test
    @Order(5)
    @DisplayName("A deleted record, a broken link and a removed newest record are each reported where they are")
    void deletedRecordIsFound() throws Exception {
        AuditEvent target = inTransaction(() -> trail.record("test.to-delete", "Device", "d-5", "PC-AUDIT-5", null));
        AuditEvent next = inTransaction(() -> trail.record("test.after-delete", "Device", "d-6", "PC-AUDIT-6", null));

        // Every tampering is undone in finally: the classes that share this server verify the same chain.
        sql("CREATE TABLE audit_event_kept AS SELECT * FROM audit_event WHERE sequence_number = " + target.getSequence());
        sql("DELETE FROM audit_event WHERE sequence_number = " + target.getSequence());
        try {
            ChainVerification deleted = verify();

            assertEquals(ChainVerification.Status.MISSING, deleted.status(), deleted.description());
            assertEquals(target.getSequence(), deleted.brokenAt());
            assertEquals("The audit log is broken at record " + target.getSequence()
                    + ": there is no record with this number (it was deleted).", deleted.description());
        } finally {
            sql("INSERT INTO audit_event SELECT * FROM audit_event_kept");
            sql("DROP TABLE audit_event_kept");
        }
        assertTrue(verify().intact(), "restored");

        sql("UPDATE audit_event SET previous_hash = '" + AuditDigest.GENESIS + "' WHERE sequence_number = "
                + next.getSequence());
        try {
            ChainVerification unlinked = verify();
            assertEquals(ChainVerification.Status.LINK_BROKEN, unlinked.status());
            assertEquals(next.getSequence(), unlinked.brokenAt());
        } finally {
            sql("UPDATE audit_event SET previous_hash = '" + target.getRecordHash() + "' WHERE sequence_number = "
                    + next.getSequence());
        }
        assertTrue(verify().intact(), "relinked");

        long last = verify().lastSequence();
        sql("CREATE TABLE audit_event_kept AS SELECT * FROM audit_event WHERE sequence_number = " + last);
        sql("DELETE FROM audit_event WHERE sequence_number = " + last);
        try {
            ChainVerification truncated = verify();
            assertEquals(ChainVerification.Status.HEAD_MISMATCH, truncated.status(), truncated.description());
            assertEquals(last, truncated.brokenAt());
            assertEquals("The audit log is broken at record " + last + ": the chain ends differently from what its "
                    + "head records (the newest records were removed or rewritten).", truncated.description());
        } finally {
            sql("INSERT INTO audit_event SELECT * FROM audit_event_kept");
            sql("DROP TABLE audit_event_kept");
        }
        assertTrue(verify().intact(), "restored");
    }

    @Test
    @Order(6)
    @DisplayName("Concurrent transactions append one after the other: one unbroken chain, no sequence number twice")
    void concurrentRecordsDoNotForkTheChain() throws Exception {
        long before = verify().lastSequence();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            String name = "PC-CONCURRENT-" + thread;
            workers.add(executor.submit(() -> {
                start.await();
                List<Long> sequences = new ArrayList<>();
                for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                    sequences.add(inTransaction(() -> trail.record("test.concurrent", "Device", null, name, null))
                            .getSequence());
                }
                return sequences;
            }));
        }
        start.countDown();
        Set<Long> sequences = new HashSet<>();
        for (Future<List<Long>> worker : workers) {
            sequences.addAll(worker.get(5, TimeUnit.MINUTES));
        }

        assertEquals(THREADS * RECORDS_PER_THREAD, sequences.size(), "every record has a sequence number of its own");
        ChainVerification after = verify();
        assertTrue(after.intact(), after.description());
        assertEquals(before + THREADS * RECORDS_PER_THREAD, after.lastSequence());
        assertEquals(THREADS * RECORDS_PER_THREAD,
                count(new AuditFilter(null, null, null, "PC-CONCURRENT-", null)));
    }

    @Test
    @Order(7)
    @DisplayName("The filters select by time, user, computer and result code; the export defends against CSV injection "
            + "and is itself recorded")
    void filtersAndExport() throws Exception {
        // Same clock and precision as the records' times, so exactly the records written from here on are after it.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        inTransaction(() -> trail.record(AuditEntry.builder("access.requested", "Device")
                .target("d-7", "=HYPERLINK(\"http://attacker.example\")").resultCode("NoMatchingRuleForUser")
                .reason("Locked out").build()));
        inTransaction(() -> trail.record(AuditEntry.builder("access.requested", "Device")
                .target("d-8", "PC-FILTER-8").resultCode("Success").build()));

        assertEquals(1, count(new AuditFilter(null, null, null, null, "NoMatchingRuleForUser")));
        assertEquals(1, count(new AuditFilter(null, null, null, "pc-filter", "Success")), "case does not matter");
        assertEquals(0, count(new AuditFilter(null, null, null, "PC-FILTER-8", "ExplicitlyDenied")));
        assertEquals(2, count(new AuditFilter(start, null, null, null, null)), "only the two records since start");
        assertEquals(0, count(new AuditFilter(start.plus(1, ChronoUnit.DAYS), null, null, null, null)));
        assertEquals(0, count(new AuditFilter(null, null, "%", null, null)), "a wildcard is just a character");
        assertTrue(count(new AuditFilter(null, start, AuditTrail.SYSTEM, null, null)) > 0);
        assertTrue(admin.call(() -> log.resultCodes()).containsAll(List.of("NoMatchingRuleForUser", "Success")));
        List<AuditEvent> newestFirst = admin.call(() -> log.search(new AuditFilter(start, null, null, null, null), 0, 10));
        assertEquals("PC-FILTER-8", newestFirst.get(0).getTargetName());

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        admin.call(() -> {
            log.export(new AuditFilter(start, null, null, null, "NoMatchingRuleForUser"), AuditExportFormat.CSV, csv);
            return null;
        });

        String[] lines = csv.toString(StandardCharsets.UTF_8).split("\r\n");
        assertEquals(2, lines.length, csv.toString(StandardCharsets.UTF_8));
        assertTrue(lines[0].startsWith("sequence,occurredAt,actor,action,"), lines[0]);
        assertTrue(lines[1].contains(",\"'=HYPERLINK(\"\"http://attacker.example\"\")\","), lines[1]);
        AuditEvent exported = admin.call(() -> log.search(AuditFilter.ANY, 0, 1)).get(0);
        assertEquals("audit.exported", exported.getAction());
        assertEquals(AS_ADMINISTRATOR, exported.getActor());
        assertTrue(exported.getDetails().startsWith("Exported as CSV: from "), exported.getDetails());

        ByteArrayOutputStream jsonLines = new ByteArrayOutputStream();
        admin.call(() -> {
            log.export(new AuditFilter(start, null, null, "PC-FILTER-8", null), AuditExportFormat.JSON_LINES,
                    jsonLines);
            return null;
        });
        String[] objects = jsonLines.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, objects.length);
        assertTrue(objects[0].contains("\"targetName\":\"PC-FILTER-8\""), objects[0]);
        assertTrue(objects[0].contains("\"resultCode\":\"Success\""), objects[0]);
    }

    @Test
    @Order(9)
    @DisplayName("A long chain is verified in batches and an edit deep inside it is still found")
    void longChain() throws Exception {
        long before = verify().lastSequence();
        int perTransaction = 1000;
        for (int done = 0; done < LONG_CHAIN; done += perTransaction) {
            int first = done;
            inTransaction(() -> {
                for (int i = first; i < first + perTransaction; i++) {
                    trail.record("test.long-chain", "Device", null, "PC-LONG-" + i, null);
                }
                return null;
            });
        }

        long started = System.nanoTime();
        ChainVerification result = verify();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("AuditLogIT: verified " + result.records() + " records in " + millis + " ms");

        assertTrue(result.intact(), result.description());
        assertEquals(before + LONG_CHAIN, result.records());
        long deep = before + LONG_CHAIN / 2;
        sql("UPDATE audit_event SET actor = 'somebody else' WHERE sequence_number = " + deep);
        try {
            ChainVerification edited = verify();
            assertEquals(ChainVerification.Status.EDITED, edited.status());
            assertEquals(deep, edited.brokenAt());
        } finally {
            sql("UPDATE audit_event SET actor = '" + AuditTrail.SYSTEM + "' WHERE sequence_number = " + deep);
        }
        assertTrue(verify().intact(), "restored");
    }

    @Test
    @Order(8)
    @DisplayName("Records of an upgraded database (numbered by V9, without hashes) are chained on first use")
    void unchainedRecordsAreChainedOnFirstUse() throws Exception {
        ChainVerification before = verify();
        assertTrue(before.intact(), before.description());
        // Not the state V9 leaves behind: records are chained, only the head lost its hash. Nothing is re-chained.
        sql("UPDATE audit_chain_head SET last_hash = NULL");
        try {
            ChainVerification headless = verify();
            assertEquals(ChainVerification.Status.HEAD_MISMATCH, headless.status());
            assertEquals(before.lastSequence(), headless.brokenAt());
            assertThrows(Exception.class, () -> inTransaction(() -> trail.record("test.refused", "Device", null, null,
                    null)), "fail closed: no record is appended to a chain that was tampered with");
        } finally {
            sql("UPDATE audit_chain_head SET last_hash = '" + before.lastHash() + "'");
        }
        assertTrue(verify().intact());
        assertEquals(before.lastSequence(), verify().lastSequence(), "nothing was appended");

        // The state migration V9 leaves behind in a database that already held records.
        sql("UPDATE audit_event SET previous_hash = NULL, record_hash = NULL");
        sql("UPDATE audit_chain_head SET last_hash = NULL");

        AuditEvent appended = inTransaction(() -> trail.record("test.after-upgrade", "Device", null, null, null));

        assertEquals(before.lastSequence() + 1, appended.getSequence());
        assertNotEquals(AuditDigest.GENESIS, appended.getPreviousHash(), "linked to the chained older records");
        assertEquals(before.lastHash(), appended.getPreviousHash(), "the same hashes the records had before");
        ChainVerification after = verify();
        assertTrue(after.intact(), after.description());
        assertEquals(appended.getSequence(), after.records());
        try (Connection connection = database.getConnection();
             ResultSet unchained = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM audit_event WHERE record_hash IS NULL")) {
            unchained.next();
            assertEquals(0, unchained.getLong(1));
        }
        assertFalse(after.lastHash().isEmpty());

        // The same state again, now found first by a verification, which chains in a transaction of its own.
        sql("UPDATE audit_event SET previous_hash = NULL, record_hash = NULL");
        sql("UPDATE audit_chain_head SET last_hash = NULL");
        ChainVerification chainedByVerification = verify();
        assertTrue(chainedByVerification.intact(), chainedByVerification.description());
        assertEquals(after.lastHash(), chainedByVerification.lastHash());
    }

    @Test
    @Order(10)
    @DisplayName("Forwarding on: the receiver gets each committed record with its sequence number and hash, as RFC "
            + "5424 over TCP; bad settings are refused and change nothing")
    void recordsAreForwarded() throws Exception {
        try (SyslogReceiver listener = SyslogReceiver.start(0, executor)) {
            syslogPort = listener.port();
            AuditForwardingSettings before = admin.call(() -> forwarding.current());
            SyslogTarget target = new SyslogTarget(SyslogTransport.TCP, "127.0.0.1", syslogPort,
                    SyslogFacility.LOG_AUDIT, "ams-it", "ams-it-host", null);

            admin.call(() -> forwarding.change(before.getVersion(), true, target));
            AuditEvent event = inTransaction(() -> trail.record(AuditEntry.builder("access.requested", "Device")
                    .target("d-10", "PC-FORWARD-10").clientAddress("192.0.2.30").reason("Locked \"out\"")
                    .resultCode("ExplicitlyDenied").permission("ReadRecoveryPassword").build()));

            String message = listener.await("seq=\"" + event.getSequence() + "\"", Duration.ofSeconds(30));
            assertTrue(message.startsWith("<108>1 "), "facility log audit, severity warning: " + message);
            assertTrue(message.contains(" ams-it-host ams-it - access.requested [ams@32473 seq=\""
                    + event.getSequence() + "\" hash=\"" + event.getRecordHash() + "\" actor=\"system\""), message);
            assertTrue(message.contains(" targetName=\"PC-FORWARD-10\" clientAddress=\"192.0.2.30\" "
                    + "result=\"ExplicitlyDenied\" permission=\"ReadRecoveryPassword\" reason=\"Locked \\\"out\\\"\"]"),
                    message);
            String enabling = listener.await("seq=\"" + (event.getSequence() - 1) + "\"", Duration.ofSeconds(30));
            assertTrue(enabling.contains(" settings.audit-forwarding-changed "), "forwarding starts with the record "
                    + "of switching it on: " + enabling);
            ForwardingStatus status = awaitForwarded(event.getSequence(), Duration.ofSeconds(30));
            assertTrue(status.enabled());
            assertEquals(0, status.backlog());
            assertFalse(status.failing());

            String sent = admin.call(() -> forwarding.sendTest());
            assertEquals("Test message delivered to 127.0.0.1:" + syslogPort + " over TCP.", sent);
            assertTrue(listener.await(" audit-forwarding.test ", Duration.ofSeconds(10))
                    .contains("actor=\"" + AS_ADMINISTRATOR + "\""));

            AuditForwardingSettings saved = admin.call(() -> forwarding.current());
            assertEquals("These settings were changed by someone else since you opened the page. Reload it and "
                            + "make your change again.",
                    assertThrows(AuditForwardingException.class, () -> admin.call(() -> forwarding.change(
                            before.getVersion(), false, target))).getMessage());
            assertThrows(AuditForwardingException.class, () -> admin.call(() -> forwarding.change(
                    saved.getVersion(), true, new SyslogTarget(SyslogTransport.TLS, "127.0.0.1", 70000,
                            SyslogFacility.LOCAL0, "", "", null))));
            AuditForwardingSettings unchanged = admin.call(() -> forwarding.current());
            assertEquals(saved.getVersion(), unchanged.getVersion());
            assertTrue(unchanged.isEnabled());
            assertEquals(syslogPort, unchanged.getPort());
            assertThrows(EJBAccessException.class, () -> forwarding.change(saved.getVersion(), false, target),
                    "only administrators change forwarding");
        }
    }

    @Test
    @Order(11)
    @DisplayName("Nothing acknowledged is lost: records written while the receiver is down arrive when it is back, "
            + "and the failure is shown meanwhile")
    void backlogArrivesAfterAnOutage() throws Exception {
        List<AuditEvent> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "PC-OUTAGE-" + i;
            written.add(inTransaction(() -> trail.record("test.during-outage", "Device", null, name, null)));
        }
        AuditEvent last = written.get(written.size() - 1);

        ForwardingStatus failing = awaitStatus(ForwardingStatus::failing, Duration.ofSeconds(30));
        assertTrue(failing.lastError().startsWith("Could not connect to 127.0.0.1:" + syslogPort + " over TCP"),
                failing.lastError());
        assertTrue(failing.backlog() >= written.size(), "backlog " + failing.backlog());
        assertTrue(failing.lastForwarded() < written.get(0).getSequence());

        try (SyslogReceiver listener = SyslogReceiver.start(syslogPort, executor)) {
            for (AuditEvent event : written) {
                String message = listener.await("seq=\"" + event.getSequence() + "\"", Duration.ofSeconds(60));
                assertTrue(message.contains("hash=\"" + event.getRecordHash() + "\""), message);
            }
            ForwardingStatus recovered = awaitForwarded(last.getSequence(), Duration.ofSeconds(30));
            assertFalse(recovered.failing());
            assertEquals(0, recovered.backlog());
            assertTrue(recovered.lastSuccessAt().isAfter(recovered.lastErrorAt()));
        } finally {
            AuditForwardingSettings current = admin.call(() -> forwarding.current());
            admin.call(() -> forwarding.change(current.getVersion(), false, current.target().orElseThrow()));
        }
        ChainVerification chain = verify();
        assertTrue(chain.intact(), chain.description());
    }

    private ForwardingStatus awaitForwarded(long sequence, Duration timeout) throws Exception {
        return awaitStatus(status -> status.lastForwarded() >= sequence, timeout);
    }

    private ForwardingStatus awaitStatus(java.util.function.Predicate<ForwardingStatus> condition, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            ForwardingStatus status = admin.call(() -> forwarding.status());
            if (condition.test(status)) {
                return status;
            }
            assertTrue(Instant.now().isBefore(deadline), "not in time: " + status);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private ChainVerification verify() throws Exception {
        return admin.call(() -> verification.verify());
    }

    private long count(AuditFilter filter) throws Exception {
        return admin.call(() -> log.count(filter));
    }

    private <T> T inTransaction(Callable<T> work) throws Exception {
        transaction.begin();
        try {
            T result = work.call();
            transaction.commit();
            return result;
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
    }

    @Test
    @Order(12)
    @DisplayName("Fail closed: when the granted request's audit record cannot be written, no password is shown, "
            + "nothing is recorded and nobody is notified; once the database is restored the request succeeds")
    void aGrantedRequestWhoseAuditFailsShowsNoPassword() throws Exception {
        Tenant tenant = as(() -> devices.createTenant("Fail closed " + UUID.randomUUID()));
        Device device = fixture.register(tenant, "PC-FAIL-CLOSED");
        fixture.escrowOneKey(device, "AMS audit IT " + UUID.randomUUID(), "Audit-IT-backup-password");
        SignedInCalls.Caller user = signedIn.newAccount("fail-closed", Role.HELPDESK);
        as(() -> rules.create(new RuleDefinition(RuleTarget.tenant(tenant.getId()), "Fail-closed test rule", true,
                null, List.of(AccessControlEntry.allow(user.principal(),
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD)))));
        String lastHash = single("SELECT last_hash FROM audit_chain_head");
        long recordsBefore = count("SELECT COUNT(*) FROM audit_event");
        long outboxBefore = count("SELECT COUNT(*) FROM notification_outbox");

        sql("UPDATE audit_chain_head SET last_hash = NULL");
        AtomicReference<AccessOutcome> shown = new AtomicReference<>();
        Exception refused;
        try {
            refused = assertThrows(Exception.class, () -> shown.set(signedIn.as(user, () -> requests
                    .requestRecoveryPasswords("192.0.2.10", device.getId(), "Fail-closed test"))));
        } finally {
            sql("UPDATE audit_chain_head SET last_hash = '" + lastHash + "'");
        }

        assertNull(shown.get(), "no outcome, so no recovery password, reached the caller");
        assertTrue(causes(refused).contains("The audit chain's head has lost its last hash"),
                "refused because the audit record could not be written: " + refused.getClass().getName());
        assertEquals(recordsBefore, count("SELECT COUNT(*) FROM audit_event"), "no audit record was added");
        assertEquals(outboxBefore, count("SELECT COUNT(*) FROM notification_outbox"), "no notification was queued");

        AccessOutcome granted = signedIn.as(user, () -> requests.requestRecoveryPasswords("192.0.2.10",
                device.getId(), "Fail-closed test, after the repair"));
        assertTrue(granted.granted(), granted.result().name());
        assertEquals(1, granted.keys().stream().filter(key -> key.password() != null).count(),
                "the escrowed password is shown now");
        assertEquals(AccessRequests.ACTION, single("SELECT action FROM audit_event WHERE sequence_number = "
                + granted.auditSequence()), "the granted request is audited");
        assertEquals(Rotations.REQUESTED, single("SELECT action FROM audit_event WHERE sequence_number = "
                + (granted.auditSequence() + 1)), "and the shown key's rotation, which the default policy asks for");
        assertEquals(recordsBefore + 2, count("SELECT COUNT(*) FROM audit_event"));
        assertTrue(verify().intact(), "the chain is whole again");
        signedIn.retire(user);
    }

    /** Every message in an exception's chain, never a secret: the request failed before any password was read. */
    private static String causes(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append(" | ");
        }
        return messages.toString();
    }

    private long count(String query) throws SQLException {
        return Long.parseLong(single(query));
    }

    private String single(String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery(query)) {
            assertTrue(row.next(), query);
            return row.getString(1);
        }
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }

    /** Changes the database behind the application's back, as someone with database access could. */
    private void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

}
