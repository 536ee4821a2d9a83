package org.ams.keyimport;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.crypto.EncryptionCertificate;
import org.ams.crypto.NoActiveCertificateException;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DeviceState;
import org.ams.devices.Directory;
import org.ams.devices.InvalidDeviceFactsException;
import org.ams.devices.ReportedFacts;
import org.ams.escrow.Escrow;
import org.ams.escrow.ImportedKey;
import org.ams.escrow.RecoveryKey;
import org.ams.identity.ldap.DirectorySource;
import org.ams.platform.ServerInstance;

/**
 * The steps of a key import run, each its own transaction: claim the directory's import, begin the run's window,
 * import one page, finish (or record that the run stopped). A page's keys, devices, records and the run's progress
 * commit together, so a run that stops part way has kept what it imported and where it stood.
 * <p>
 * The claim is a conditional UPDATE of the import's row, as the escrow verification claims its run: only one node's
 * UPDATE matches while an unexpired claim is there.
 */
@Stateless
// Any caller: KeyImportRunner runs it on a timer (no caller) and for an administrator's Run now. It reads recovery
// passwords only from the directory and puts them only into the vault.
@PermitAll
public class KeyImportBatch {

    /** Audit actions of the import: a run (with its counts) and a run that failed. */
    public static final String RAN = "bitlocker-import.ran";
    public static final String FAILED = "bitlocker-import.failed";
    private static final String AUDIT_TYPE = "DirectorySource";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private DeviceDirectory devices;

    @EJB
    private Escrow escrow;

    @EJB
    private SecretVault vault;

    @EJB
    private AuditTrail audit;

    /** What a claimed run needs to know: the directory, its search bases and the sync state. */
    public record Claimed(String token, UUID directorySourceId, String directoryName, List<String> searchBases,
                          SyncWindow.State state) {
    }

    /** How one page went: whether the run still holds its claim, its counts and problems, the highest USN read. */
    public record Page(boolean claimHeld, ImportCounts counts, List<String> errors) {
    }

    /** The imports whose interval has passed since their last run, or whose last run stopped part way. */
    public List<UUID> due() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return em.createNamedQuery(DirectoryKeyImport.ALL, DirectoryKeyImport.class).getResultStream()
                .filter(DirectoryKeyImport::isEnabled)
                .filter(i -> i.isRunUnfinished() || i.getLastRunAt() == null
                        || i.getLastRunAt().plusMinutes(i.getIntervalMinutes()).isBefore(now))
                .map(DirectoryKeyImport::getDirectorySourceId).toList();
    }

    /**
     * Claims the directory's import for this node if it is on and no other node holds an unexpired claim.
     *
     * @return the claim, with what the run needs; empty if not claimed
     */
    public Optional<Claimed> claim(UUID directorySourceId, Duration lease) {
        DirectoryKeyImport current = em.find(DirectoryKeyImport.class, directorySourceId);
        if (current == null || !current.isEnabled()) {
            return Optional.empty();
        }
        if (current.getClaimToken() != null && ServerInstance.earlierProcessOfThisServer(current.getClaimedBy())) {
            leftByEarlierProcess(current);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String token = UUID.randomUUID().toString();
        int claimed = em.createQuery("UPDATE DirectoryKeyImport i SET i.claimToken = :token, i.claimedUntil = :until, "
                        + "i.claimedBy = :by WHERE i.directorySourceId = :id AND (i.claimToken IS NULL OR "
                        + "i.claimedUntil IS NULL OR i.claimedUntil < :now)")
                .setParameter("token", token).setParameter("until", now.plus(lease)).setParameter("now", now)
                .setParameter("by", ServerInstance.process()).setParameter("id", directorySourceId).executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        DirectoryKeyImport row = em.find(DirectoryKeyImport.class, directorySourceId);
        em.refresh(row);
        DirectorySource source = em.find(DirectorySource.class, directorySourceId);
        return Optional.of(new Claimed(token, directorySourceId, source.getName(), row.getSearchBases(),
                row.syncState()));
    }

    /** Starts the run's window (a resumed run keeps the one it had, and its counts). */
    public boolean begin(Claimed claim, SyncWindow window, Duration lease) {
        DirectoryKeyImport row = held(claim.token(), claim.directorySourceId(), lease);
        if (row == null) {
            return false;
        }
        if (!window.resumed()) {
            row.begin(window);
        }
        return true;
    }

    /**
     * Imports one page of recovery information: each valid object's recovery password sealed and kept as a key of
     * its computer's device (created "imported, no agent" when the computer is new to AMS and no agent's device is
     * the same computer), objects read before at the same USN skipped, invalid ones counted and named.
     */
    public Page importPage(Claimed claim, SyncWindow window, List<RecoveryInformation> page, Duration lease) {
        DirectoryKeyImport row = held(claim.token(), claim.directorySourceId(), lease);
        if (row == null) {
            return new Page(false, ImportCounts.NONE, List.of());
        }
        UUID sourceId = claim.directorySourceId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String origin = "imported from AD " + claim.directoryName() + " at " + now.format(RecoveryKey.ORIGIN_TIME);
        Map<String, ImportedRecoveryInformation> known = knownInformation(sourceId, page);
        Map<String, ImportedComputer> computers = knownComputers(sourceId, page);
        List<String> errors = new ArrayList<>();
        List<UUID> backInDirectory = new ArrayList<>();
        // The active certificate, looked up when the page first has a key to seal, once for the whole page.
        EncryptionCertificate sealTo = null;
        long newKeys = 0;
        long unchanged = 0;
        long invalid = 0;
        long created = 0;
        long matched = 0;
        long skipped = 0;
        long alreadyRead = 0;
        long maxUsn = window.floor();
        for (RecoveryInformation information : page) {
            maxUsn = Math.max(maxUsn, information.usnChanged());
            if (!information.valid()) {
                String named = information.describe() + ": ";
                if (window.resumed() && row.runErrorsValue() != null && row.runErrorsValue().contains(named)) {
                    // Reported by the part of the run before it stopped (as far as the kept problems reach).
                    alreadyRead++;
                    continue;
                }
                invalid++;
                errors.add(named + information.problem());
                continue;
            }
            ImportedRecoveryInformation record = known.get(information.objectGuid());
            if (record != null && record.getUsnChanged() == information.usnChanged()
                    && window.runId().equals(record.getSeenRun())) {
                // A resumed run rereads its window: what its interrupted part imported costs nothing, and is not
                // counted twice.
                alreadyRead++;
                continue;
            }
            if (record != null && record.getUsnChanged() == information.usnChanged()) {
                unchanged++;
                seen(record, window, backInDirectory);
                continue;
            }
            ImportedComputer computer = computers.get(information.computer().objectGuid());
            if (computer == null) {
                Device device;
                List<Device> agents = devices.sameComputer(row.getTenantId(), information.computer().name(),
                        information.computer().dnsName(), false);
                if (agents.size() == 1) {
                    device = agents.get(0);
                    matched++;
                } else {
                    try {
                        device = newImportedDevice(row, information.computer());
                    } catch (InvalidDeviceFactsException e) {
                        invalid++;
                        errors.add(information.describe() + ": the computer's name cannot be a device name: "
                                + e.getMessage());
                        continue;
                    }
                    created++;
                }
                computer = new ImportedComputer(sourceId, information.computer(), device);
                em.persist(computer);
                computers.put(computer.getObjectGuid(), computer);
            }
            if (computer.getDevice().getState() == DeviceState.DELETED) {
                skipped++;
                continue;
            }
            if (sealTo == null) {
                sealTo = vault.activeCertificate().orElseThrow(NoActiveCertificateException::new);
            }
            ImportedKey kept = escrow.importKey(computer.getDevice(),
                    information.volumeId() == null ? "(volume not recorded)" : information.volumeId(), null,
                    information.protectorId(), information.password(), information.createdAt(), origin, sealTo);
            if (kept.stored()) {
                newKeys++;
            } else {
                unchanged++;
            }
            if (record == null) {
                record = new ImportedRecoveryInformation(sourceId, information.objectGuid(), computer.getId());
                record.read(kept.key().getId(), information.usnChanged());
                em.persist(record);
                known.put(information.objectGuid(), record);
            } else {
                record.read(kept.key().getId(), information.usnChanged());
            }
            seen(record, window, backInDirectory);
        }
        escrow.markOriginRemoved(backInDirectory, null);
        ImportCounts counts = new ImportCounts(page.size() - alreadyRead, newKeys, unchanged, invalid, created, matched,
                0, skipped, alreadyRead);
        row.pageDone(counts, maxUsn, errors);
        return new Page(true, counts, errors);
    }

    /** Every run marks what it read; after a full scan, what it did not mark is no longer in the directory. */
    private static void seen(ImportedRecoveryInformation record, SyncWindow window, List<UUID> backInDirectory) {
        backInDirectory.add(record.getRecoveryKeyId());
        record.seenBy(window.runId());
    }

    private Device newImportedDevice(DirectoryKeyImport row, ComputerObject computer) {
        Directory directory = em.find(Directory.class, row.getDeviceDirectoryId());
        Device device = Device.imported(directory, new ReportedFacts(computer.name(), computer.dnsName(), null, null,
                null));
        if (row.getDeviceGroupId() != null) {
            DeviceGroup group = em.find(DeviceGroup.class, row.getDeviceGroupId());
            if (group != null) {
                device.join(group);
            }
        }
        return devices.add(device);
    }

    /**
     * The run read its whole window: a full scan marks the keys of objects it did not find as removed from AD; the
     * next run reads from the window's end. Recorded in the audit trail with the whole run's counts.
     */
    public KeyImportRun finish(Claimed claim, SyncWindow window, int pages) {
        DirectoryKeyImport row = em.find(DirectoryKeyImport.class, claim.directorySourceId());
        if (row == null || !claim.token().equals(row.getClaimToken())) {
            return KeyImportRun.notRun("Another node took the run over.");
        }
        long removed = 0;
        if (window.full()) {
            List<UUID> gone = em.createQuery("SELECT i.recoveryKeyId FROM ImportedRecoveryInformation i WHERE "
                            + "i.directorySourceId = :source AND (i.seenRun IS NULL OR i.seenRun <> :run)", UUID.class)
                    .setParameter("source", claim.directorySourceId()).setParameter("run", window.runId().toString())
                    .getResultList();
            for (int from = 0; from < gone.size(); from += 1000) {
                removed += escrow.markOriginRemoved(gone.subList(from, Math.min(gone.size(), from + 1000)),
                        OffsetDateTime.now(ZoneOffset.UTC));
            }
        }
        ImportCounts total = row.runCounts().withRemoved(removed);
        List<String> errors = errorLines(row);
        String summary = (window.full() ? "Full scan" : "Incremental sync") + (window.resumed() ? " (resumed)" : "")
                + ": " + total.summary() + ".";
        row.finish(window.watermark(runMaxUsn(row)), window.full(), summary);
        release(row);
        audit.record(RAN, AUDIT_TYPE, claim.directorySourceId().toString(), claim.directoryName(),
                summary + " " + window.reason() + "; domain controller " + window.dcIdentity() + ", now at USN "
                        + row.getHighestUsn() + (errors.isEmpty() ? "" : ". Problems: " + String.join("; ",
                        errors.subList(0, Math.min(errors.size(), 20)))
                        + (errors.size() > 20 ? "; " + (errors.size() - 20) + " more" : "")));
        return new KeyImportRun(true, true, window.full(), window.resumed(), total, pages, errors, null);
    }

    /**
     * The run stopped part way: at a page limit ({@code problem} null) or because of a failure. Its window and counts
     * stay, so the next run resumes it; recorded in the audit trail.
     */
    public void interrupted(Claimed claim, SyncWindow window, int pages, String problem) {
        DirectoryKeyImport row = em.find(DirectoryKeyImport.class, claim.directorySourceId());
        if (row == null || !claim.token().equals(row.getClaimToken())) {
            return;
        }
        String summary;
        if (window == null || !row.isRunUnfinished()) {
            summary = "Failed before reading the directory; the next run tries again.";
        } else {
            summary = kind(window.full()) + (problem == null ? " stopped" : " failed") + " after " + pages
                    + " page(s)" + (problem == null ? " (page limit)" : "") + resumes(row);
        }
        stopped(row, claim.directoryName(), summary, problem);
    }

    /**
     * The claim was left by an earlier process of this server, which stopped or died during the run: nothing else
     * holds it. The stop is recorded and the claim given back, so the run is resumed now rather than once the lease
     * has run out.
     */
    private void leftByEarlierProcess(DirectoryKeyImport row) {
        String summary = row.isRunUnfinished() && row.syncState().runFull() != null
                ? kind(row.syncState().runFull()) + " stopped when the server stopped" + resumes(row)
                : "Stopped when the server stopped, before reading the directory; the next run tries again.";
        DirectorySource source = em.find(DirectorySource.class, row.getDirectorySourceId());
        stopped(row, source == null ? row.getDirectorySourceId().toString() : source.getName(), summary, null);
        em.flush();
    }

    private void stopped(DirectoryKeyImport row, String directoryName, String summary, String problem) {
        row.interrupted(summary, problem);
        release(row);
        audit.record(problem == null ? RAN : FAILED, AUDIT_TYPE, row.getDirectorySourceId().toString(),
                directoryName, summary + (problem == null ? "" : " Problem: " + problem));
    }

    private static String kind(boolean full) {
        return full ? "Full scan" : "Incremental sync";
    }

    private static String resumes(DirectoryKeyImport row) {
        ImportCounts sofar = row.runCounts();
        return "; it resumes at the next run" + (sofar.equals(ImportCounts.NONE) ? "." : ". So far " + sofar.summary()
                + ".");
    }

    private static Long runMaxUsn(DirectoryKeyImport row) {
        return row.runMaxUsnValue();
    }

    private static List<String> errorLines(DirectoryKeyImport row) {
        String errors = row.runErrorsValue();
        return errors == null ? List.of() : List.of(errors.split("\n"));
    }

    private DirectoryKeyImport held(String token, UUID directorySourceId, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int held = em.createQuery("UPDATE DirectoryKeyImport i SET i.claimedUntil = :until WHERE "
                        + "i.directorySourceId = :id AND i.claimToken = :token")
                .setParameter("until", now.plus(lease)).setParameter("id", directorySourceId)
                .setParameter("token", token).executeUpdate();
        if (held != 1) {
            return null;
        }
        DirectoryKeyImport row = em.find(DirectoryKeyImport.class, directorySourceId);
        em.refresh(row);
        return row;
    }

    private void release(DirectoryKeyImport row) {
        row.release();
    }

    private Map<String, ImportedRecoveryInformation> knownInformation(UUID sourceId, List<RecoveryInformation> page) {
        Set<String> guids = page.stream().filter(RecoveryInformation::valid).map(RecoveryInformation::objectGuid)
                .collect(Collectors.toSet());
        if (guids.isEmpty()) {
            return new HashMap<>();
        }
        // By GUID alone (ix_imported_info_guid, V38), the source picked out here: see knownComputers.
        return em.createQuery("SELECT i FROM ImportedRecoveryInformation i WHERE i.objectGuid IN :guids",
                        ImportedRecoveryInformation.class)
                .setParameter("guids", guids).getResultStream()
                .filter(information -> information.getDirectorySourceId().equals(sourceId))
                .collect(Collectors.toMap(ImportedRecoveryInformation::getObjectGuid, Function.identity(),
                        (a, b) -> a, HashMap::new));
    }

    private Map<String, ImportedComputer> knownComputers(UUID sourceId, List<RecoveryInformation> page) {
        Set<String> guids = page.stream().filter(RecoveryInformation::valid)
                .map(information -> information.computer().objectGuid()).collect(Collectors.toSet());
        if (guids.isEmpty()) {
            return new HashMap<>();
        }
        // By GUID alone, the source picked out here: with the source in the query, PostgreSQL's generic plan for the
        // prepared statement used the unique constraint's leading column only and filtered every row of the source.
        return em.createQuery("SELECT c FROM ImportedComputer c JOIN FETCH c.device WHERE c.objectGuid IN :guids",
                        ImportedComputer.class)
                .setParameter("guids", guids).getResultStream()
                .filter(computer -> computer.getDirectorySourceId().equals(sourceId))
                .collect(Collectors.toMap(ImportedComputer::getObjectGuid, Function.identity(), (a, b) -> a,
                        HashMap::new));
    }
}
