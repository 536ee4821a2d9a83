package org.ams.keyimport;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.crypto.CryptoException;
import org.ams.devices.DeviceException;
import org.ams.identity.IdentityException;
import org.ams.identity.ldap.DirectoryConnector;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.platform.DatabaseMigration;
import org.ams.platform.PauseSetting;
import org.ams.security.RoleNames;

/**
 * Runs the BitLocker key imports: every five minutes each import whose interval has passed (or whose last run stopped
 * part way) is run, and an administrator's Run now runs one at once. A run reads its {@link SyncWindow} page by page
 * outside any transaction and hands each page to {@link KeyImportBatch}, whose transaction keeps the page's keys and
 * the run's progress together; a node that stops mid-run leaves a claim that runs out and a window the next run
 * resumes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The pages are the transactions: a run must not hold one while it reads a directory.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class KeyImportRunner {

    /** Directories' paged results: Active Directory's MaxPageSize is 1000 by default. */
    public static final int DEFAULT_PAGE_SIZE = 500;
    static final int MAX_PAGE_SIZE = 1000;
    /**
     * Milliseconds to wait between two pages (default 0): spares a domain controller or database shared with other
     * work during a large import. Read before every pause, so a change in {@code ams.properties} applies at once.
     */
    public static final String PAUSE_SETTING = "ams.key-import.pause-ms";
    static final PauseSetting PAUSE = new PauseSetting(PAUSE_SETTING, "Importing without a pause.");
    /**
     * A claim outlasts reading and importing a page (seconds) with room to spare, plus twice the pause after it; it
     * is extended at every page. A server that stops or dies mid-run leaves its claim: the server's next process takes
     * it back at once ({@link org.ams.platform.ServerInstance}), another server once it has run out.
     */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(KeyImportRunner.class.getName());

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private DatabaseMigration migration;

    @EJB
    private KeyImportBatch batch;

    @EJB
    private DirectorySourceService directories;

    private volatile boolean stopping;

    @Schedule(minute = "*/5", hour = "*", persistent = false)
    void scheduled() {
        if (stopping || !migration.state().ready()) {
            return;
        }
        executor.execute(() -> {
            for (UUID due : batch.due()) {
                if (stopping) {
                    return;
                }
                try {
                    run(due, false, DEFAULT_PAGE_SIZE, 0);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "BitLocker key import of directory " + due + " failed; it is tried again "
                            + "at its next interval", e);
                }
            }
        });
    }

    /**
     * Runs the directory's import now, in this call.
     *
     * @param fullScan read every recovery information object, not only the changes (and mark the keys of those no
     *                 longer there as removed from AD)
     * @param pageSize objects per page (1 to 1000)
     * @param maxPages stop after this many pages, to resume at the next run; 0 for no limit
     */
    public KeyImportRun runNow(UUID directorySourceId, boolean fullScan, int pageSize, int maxPages) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || maxPages < 0) {
            throw new KeyImportException("A page holds 1 to " + MAX_PAGE_SIZE + " objects, and the page limit is 0 "
                    + "(none) or more.");
        }
        return run(directorySourceId, fullScan, pageSize, maxPages);
    }

    /** Run now, from the console: starts the run in the background and returns at once. */
    public void startNow(UUID directorySourceId, boolean fullScan) {
        executor.execute(() -> {
            try {
                run(directorySourceId, fullScan, DEFAULT_PAGE_SIZE, 0);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "BitLocker key import of directory " + directorySourceId + " failed", e);
            }
        });
    }

    private KeyImportRun run(UUID directorySourceId, boolean fullScan, int pageSize, int maxPages) {
        Optional<KeyImportBatch.Claimed> claimed = batch.claim(directorySourceId, lease());
        if (claimed.isEmpty()) {
            return KeyImportRun.notRun("The import is off, not set up, or already running.");
        }
        KeyImportBatch.Claimed claim = claimed.get();
        SyncWindow window = null;
        int pages = 0;
        ImportCounts counts = ImportCounts.NONE;
        List<String> errors = new ArrayList<>();
        DirectoryConnector source = null;
        try {
            source = directories.readerFor(directorySourceId);
        } catch (IdentityException e) {
            batch.interrupted(claim, null, 0, e.getMessage());
            return new KeyImportRun(true, false, false, false, counts, 0, errors, e.getMessage());
        }
        try (ActiveDirectoryReader reader = new ActiveDirectoryReader(source)) {
            try {
                ActiveDirectoryReader.DomainController dc = reader.domainController();
                window = SyncWindow.decide(claim.state(), dc.identity(), dc.highestCommittedUsn(), fullScan,
                        OffsetDateTime.now(ZoneOffset.UTC));
                if (!batch.begin(claim, window, lease())) {
                    return KeyImportRun.notRun("Another node took the run over.");
                }
                SyncWindow reading = window;
                int[] read = {0};
                ImportCounts[] sum = {ImportCounts.NONE};
                boolean[] lost = {false};
                boolean complete = reader.read(claim.searchBases(), window, pageSize, page -> {
                    KeyImportBatch.Page done = batch.importPage(claim, reading, page, lease());
                    if (!done.claimHeld()) {
                        lost[0] = true;
                        return false;
                    }
                    read[0]++;
                    sum[0] = sum[0].plus(done.counts());
                    errors.addAll(done.errors());
                    return !stopping && (maxPages == 0 || read[0] < maxPages);
                }, () -> PAUSE.pause(() -> stopping)); // false: stopping, or the executor is shutting down
                pages = read[0];
                counts = sum[0];
                if (lost[0]) {
                    return KeyImportRun.notRun("Another node took the run over.");
                }
                if (!complete) {
                    if (stopping || Thread.currentThread().isInterrupted()) {
                        // The application is going away, and with it the beans that would record the stop: the
                        // claim names this process, so the server's next process records it and resumes the run.
                        LOG.info("BitLocker key import of " + claim.directoryName() + " stopped with the server after "
                                + pages + " page(s); it resumes when the server runs again.");
                    } else {
                        batch.interrupted(claim, window, pages, null);
                    }
                    return new KeyImportRun(true, false, window.full(), window.resumed(), counts, pages, errors, null);
                }
                KeyImportRun finished = batch.finish(claim, window, pages);
                LOG.info("BitLocker key import of " + claim.directoryName() + ": " + finished.counts().summary());
                return finished;
            } catch (LDAPException e) {
                String problem = problem(reader, e, claim);
                batch.interrupted(claim, window, pages, problem);
                return new KeyImportRun(true, false, window != null && window.full(), window != null
                        && window.resumed(), counts, pages, errors, problem);
            }
        } catch (LDAPException e) {
            String problem = "Cannot read the directory: " + source.describe(e);
            batch.interrupted(claim, null, 0, problem);
            return new KeyImportRun(true, false, false, false, counts, 0, errors, problem);
        } catch (IdentityException | KeyImportException | CryptoException | DeviceException e) {
            // Messages of these families are written for the administrator and hold no secret.
            batch.interrupted(claim, window, pages, e.getMessage());
            return new KeyImportRun(true, false, false, false, counts, pages, errors, e.getMessage());
        } catch (RuntimeException e) {
            // Recorded without the exception's text, which a driver may have filled with anything.
            batch.interrupted(claim, window, pages, "The import stopped on an unexpected error ("
                    + e.getClass().getSimpleName() + "); the server log has the details.");
            throw e;
        }
    }

    /** The claim's lease with the pause configured now. */
    private static Duration lease() {
        return LEASE.plusMillis(2 * PAUSE.currentMillis());
    }

    private static String problem(ActiveDirectoryReader reader, LDAPException e, KeyImportBatch.Claimed claim) {
        if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
            return "A search base (" + String.join("; ", claim.searchBases()) + ") does not exist, or the bind "
                    + "account cannot read it.";
        }
        return reader.describe(e);
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
