package org.ams.keyimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.ams.devices.Device;

/** A computer object of a directory, known by its objectGUID, and the AMS device it is. */
@Entity
@Table(name = "imported_computer")
public class ImportedComputer {

    @Id
    private UUID id;

    @Column(name = "directory_source_id", nullable = false)
    private UUID directorySourceId;

    @Column(name = "object_guid", nullable = false, length = 36)
    private String objectGuid;

    @Column(name = "object_sid", length = 184)
    private String objectSid;

    @Column(name = "distinguished_name", nullable = false, length = 2048)
    private String distinguishedName;

    @ManyToOne(optional = false)
    @JoinColumn(name = "device_id")
    private Device device;

    @Column(name = "imported_at", nullable = false)
    private OffsetDateTime importedAt;

    @Version
    private long version;

    protected ImportedComputer() {
    }

    ImportedComputer(UUID directorySourceId, ComputerObject computer, Device device) {
        this.id = UUID.randomUUID();
        this.directorySourceId = directorySourceId;
        this.objectGuid = computer.objectGuid();
        this.objectSid = computer.objectSid();
        this.distinguishedName = computer.distinguishedName();
        this.device = device;
        this.importedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID getId() {
        return id;
    }

    public UUID getDirectorySourceId() {
        return directorySourceId;
    }

    public String getObjectGuid() {
        return objectGuid;
    }

    public String getObjectSid() {
        return objectSid;
    }

    public Device getDevice() {
        return device;
    }
}
