package org.ams.keyimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

/**
 * An {@code msFVE-RecoveryInformation} object read from a directory (by its objectGUID): the {@code uSNChanged} it
 * had when read, so that reading it again unchanged costs nothing, and the recovery key it became.
 */
@Entity
@Table(name = "imported_recovery_information")
public class ImportedRecoveryInformation {

    @Id
    private UUID id;

    @Column(name = "directory_source_id", nullable = false)
    private UUID directorySourceId;

    @Column(name = "object_guid", nullable = false, length = 36)
    private String objectGuid;

    @Column(name = "computer_id", nullable = false)
    private UUID computerId;

    @Column(name = "recovery_key_id", nullable = false)
    private UUID recoveryKeyId;

    @Column(name = "usn_changed", nullable = false)
    private long usnChanged;

    /** The last run that read it (a resumed run knows what it read before it stopped). */
    @Column(name = "seen_run", length = 36)
    private String seenRun;

    @Version
    private long version;

    protected ImportedRecoveryInformation() {
    }

    ImportedRecoveryInformation(UUID directorySourceId, String objectGuid, UUID computerId) {
        this.id = UUID.randomUUID();
        this.directorySourceId = directorySourceId;
        this.objectGuid = objectGuid;
        this.computerId = computerId;
    }

    void read(UUID recoveryKeyId, long usnChanged) {
        this.recoveryKeyId = recoveryKeyId;
        this.usnChanged = usnChanged;
    }

    void seenBy(UUID runId) {
        this.seenRun = DirectoryKeyImport.text(runId);
    }

    public UUID getDirectorySourceId() {
        return directorySourceId;
    }

    public String getObjectGuid() {
        return objectGuid;
    }

    public UUID getRecoveryKeyId() {
        return recoveryKeyId;
    }

    public long getUsnChanged() {
        return usnChanged;
    }

    UUID getSeenRun() {
        return DirectoryKeyImport.uuid(seenRun);
    }
}
