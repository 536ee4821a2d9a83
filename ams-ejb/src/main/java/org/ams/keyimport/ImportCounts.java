package org.ams.keyimport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run (or one page of it) did with the recovery information it read.
 *
 * @param read              msFVE-RecoveryInformation objects the directory returned
 * @param newKeys           recovery passwords sealed and kept as new keys
 * @param unchanged         objects already imported as they are (or holding a password already held)
 * @param invalid           objects refused: a password that fails BitLocker's checksum, a malformed GUID, no parent
 *                          computer
 * @param computersCreated  devices created "imported, no agent"
 * @param computersMatched  computers found to be a device an agent registered
 * @param removed           keys marked as removed from AD by a full scan that no longer found them
 * @param skipped           objects of computers whose device an administrator deleted
 * @param alreadyRead       objects a resumed run found that its interrupted part had imported already (not in
 *                          {@code read})
 */
public record ImportCounts(long read, long newKeys, long unchanged, long invalid, long computersCreated,
                           long computersMatched, long removed, long skipped, long alreadyRead) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(read + other.read, newKeys + other.newKeys, unchanged + other.unchanged,
                invalid + other.invalid, computersCreated + other.computersCreated,
                computersMatched + other.computersMatched, removed + other.removed, skipped + other.skipped,
                alreadyRead + other.alreadyRead);
    }

    public ImportCounts withRemoved(long count) {
        return new ImportCounts(read, newKeys, unchanged, invalid, computersCreated, computersMatched, count, skipped,
                alreadyRead);
    }

    /** As the settings page and the audit record say it. */
    public String summary() {
        return read + " read: " + newKeys + " new, " + unchanged + " unchanged, " + invalid + " invalid; "
                + computersCreated + " computer(s) created, " + computersMatched + " matched to agent devices"
                + (removed == 0 ? "" : "; " + removed + " key(s) marked removed from AD")
                + (skipped == 0 ? "" : "; " + skipped + " skipped (device deleted)")
                + (alreadyRead == 0 ? "" : "; " + alreadyRead + " imported before the run resumed");
    }

    /** The form kept in the database between the pages of a run. */
    String stored() {
        return "read=" + read + ",new=" + newKeys + ",unchanged=" + unchanged + ",invalid=" + invalid + ",created="
                + computersCreated + ",matched=" + computersMatched + ",removed=" + removed + ",skipped=" + skipped
                + ",already=" + alreadyRead;
    }

    static ImportCounts parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return NONE;
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : stored.split(",")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], Long.parseLong(parts[1]));
        }
        return new ImportCounts(values.getOrDefault("read", 0L), values.getOrDefault("new", 0L),
                values.getOrDefault("unchanged", 0L), values.getOrDefault("invalid", 0L),
                values.getOrDefault("created", 0L), values.getOrDefault("matched", 0L),
                values.getOrDefault("removed", 0L), values.getOrDefault("skipped", 0L),
                values.getOrDefault("already", 0L));
    }
}
