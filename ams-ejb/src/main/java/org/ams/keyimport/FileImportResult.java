package org.ams.keyimport;

import java.io.Serializable;
import java.util.List;
import org.ams.keyimport.RecoveryKeyFile.BadRow;

/**
 * What importing a file of recovery passwords does (a preview) or did: its counts and its bad rows. Holds no
 * recovery password.
 *
 * @param rows              the file's rows, header not counted
 * @param newKeys           valid rows whose key AMS does not hold yet (stored, or to be stored)
 * @param unchanged         valid rows whose key AMS already holds with the same password, or that repeat an earlier
 *                          row of the file
 * @param computersToCreate computers no device is yet, created as "imported, no agent"
 * @param badRows           each bad row with its line number and reason, in file order
 * @param stored            whether the keys were stored (false for a preview, and for an import refused because of
 *                          bad rows)
 */
public record FileImportResult(String fileName, String tenantName, int rows, int newKeys, int unchanged,
                               int computersToCreate, List<BadRow> badRows, boolean stored) implements Serializable {

    private static final long serialVersionUID = 1L;

    public FileImportResult {
        badRows = List.copyOf(badRows);
    }

    public boolean hasBadRows() {
        return !badRows.isEmpty();
    }

    /** The counts in words, e.g. "12 rows: 10 new keys, 1 unchanged, 3 computers created, 1 bad row". */
    public String summary() {
        return rows + " row(s): " + newKeys + " new key(s), " + unchanged + " unchanged, " + computersToCreate
                + (stored ? " computer(s) created, " : " computer(s) to create, ") + badRows.size() + " bad row(s)";
    }
}
