package org.ams.escrow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.ams.devices.Device;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.wire.DriveType;

/** One escrowed recovery password: which device, volume and protector it unlocks, and where its secret is sealed. */
@Entity
@Table(name = "recovery_key")
@NamedQuery(name = RecoveryKey.CURRENT_OF_DEVICE, query = "SELECT k FROM RecoveryKey k WHERE k.device = :device "
        + "AND k.state = org.ams.escrow.KeyState.CURRENT")
@NamedQuery(name = RecoveryKey.OF_DEVICE, query = "SELECT k FROM RecoveryKey k WHERE k.device.id = :deviceId "
        + "ORDER BY k.state, k.mountPoint, k.escrowedAt DESC")
public class RecoveryKey {

    static final String CURRENT_OF_DEVICE = "RecoveryKey.currentOfDevice";
    static final String OF_DEVICE = "RecoveryKey.ofDevice";
    static final int MAX_REASON = 200;
    static final int MAX_ORIGIN = 300;
    /** How origins write times, as the console shows them. */
    public static final java.time.format.DateTimeFormatter ORIGIN_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "device_id")
    private Device device;

    @Column(name = "volume_id", nullable = false, length = 255)
    private String volumeId;

    @Column(name = "mount_point", length = 64)
    private String mountPoint;

    /** {@code null} for a key imported from Active Directory, which does not record the drive type. */
    @Enumerated(EnumType.STRING)
    @Column(name = "drive_type", length = 16)
    private DriveType driveType;

    @Column(name = "protector_id", nullable = false, length = 38)
    private String protectorId;

    @Column(name = "key_id", nullable = false, length = 8)
    private String keyId;

    @Column(name = "secret_id", nullable = false)
    private UUID secretId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private KeyState state;

    @Column(name = "current_flag")
    private Boolean currentFlag;

    @Column(name = "escrowed_at", nullable = false)
    private OffsetDateTime escrowedAt;

    @Column(name = "last_seen_at", nullable = false)
    private OffsetDateTime lastSeenAt;

    @Column(name = "superseded_at")
    private OffsetDateTime supersededAt;

    @Column(name = "replaced_by_protector_id", length = 38)
    private String replacedByProtectorId;

    /** Where the key came from when not from the device's agent, e.g. "imported from AD Corp at ..."; else null. */
    @Column(name = "origin", length = MAX_ORIGIN)
    private String origin;

    /** When a full scan of its origin no longer found it there; the key is kept. */
    @Column(name = "origin_removed_at")
    private OffsetDateTime originRemovedAt;

    // The four columns below are written by bulk UPDATEs only (check-in, verification), never through this entity's
    // setters, so that they neither bump its version nor collide with a supersede running at the same time. Each such
    // UPDATE sets "k.version = k.version": EclipseLink otherwise adds a version increment to every bulk UPDATE of a
    // versioned entity, and a supersede that read the key a moment before then fails its optimistic lock check.
    @Column(name = "confirmed_at")
    private OffsetDateTime confirmedAt;

    @Column(name = "last_verified_at")
    private OffsetDateTime lastVerifiedAt;

    @Column(name = "unreadable_since")
    private OffsetDateTime unreadableSince;

    @Column(name = "unreadable_reason", length = MAX_REASON)
    private String unreadableReason;

    @Version
    private long version;

    protected RecoveryKey() {
    }

    RecoveryKey(Device device, EscrowedVolume volume, ProtectorId protectorId, UUID secretId) {
        this.id = UUID.randomUUID();
        this.device = device;
        this.volumeId = volume.volumeId().value();
        this.mountPoint = volume.mountPoint() == null ? null : volume.mountPoint().value();
        this.driveType = volume.driveType();
        this.protectorId = protectorId.value();
        this.keyId = protectorId.keyId();
        this.secretId = secretId;
        this.state = KeyState.CURRENT;
        this.currentFlag = Boolean.TRUE;
        this.escrowedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.lastSeenAt = escrowedAt;
    }

    /**
     * A key read from a directory (the BitLocker key import): escrowed when the directory recorded it, with its
     * origin, on a volume the directory names by its BitLocker volume GUID.
     */
    RecoveryKey(Device device, String volumeId, DriveType driveType, ProtectorId protectorId, UUID secretId,
                OffsetDateTime escrowedAt, String origin) {
        this.id = UUID.randomUUID();
        this.device = device;
        this.volumeId = volumeId;
        this.driveType = driveType;
        this.protectorId = protectorId.value();
        this.keyId = protectorId.keyId();
        this.secretId = secretId;
        this.state = KeyState.CURRENT;
        this.currentFlag = Boolean.TRUE;
        this.escrowedAt = escrowedAt;
        this.lastSeenAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.origin = origin.length() > MAX_ORIGIN ? origin.substring(0, MAX_ORIGIN) : origin;
    }

    void seen() {
        this.lastSeenAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void supersede() {
        this.state = KeyState.SUPERSEDED;
        this.currentFlag = null;
        this.supersededAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Superseded by a rotation: the device now has {@code newProtectorId} instead. */
    void replacedBy(String newProtectorId) {
        supersede();
        this.replacedByProtectorId = newProtectorId;
    }

    public UUID getId() {
        return id;
    }

    public Device getDevice() {
        return device;
    }

    public String getVolumeId() {
        return volumeId;
    }

    public String getMountPoint() {
        return mountPoint;
    }

    /** @return the drive type; {@code null} for a key imported from a directory, which does not record it */
    public DriveType getDriveType() {
        return driveType;
    }

    /** The drive type as BitLocker names it, or that it is not known (a key imported from a directory). */
    public String getDriveLabel() {
        return driveType == null ? "Drive type not recorded" : driveType.label();
    }

    /** Where the key came from, e.g. "imported from AD Corp at 2026-12-02 10:00 UTC"; {@code null} from the agent. */
    public String getOrigin() {
        return origin;
    }

    /**
     * Where the key came from, for people: its origin, and when the origin no longer held it, e.g. "Imported from AD
     * Corp at 2026-12-02 10:00 UTC; removed from AD at 2026-12-09 10:00 UTC"; {@code null} for a key from the agent.
     */
    public String originNote() {
        if (origin == null) {
            return null;
        }
        String note = Character.toUpperCase(origin.charAt(0)) + origin.substring(1);
        return originRemovedAt == null ? note : note + "; removed from AD at "
                + originRemovedAt.withOffsetSameInstant(ZoneOffset.UTC).format(ORIGIN_TIME);
    }

    /** When a full scan of the key's origin no longer found it; {@code null} while it is there (or from the agent). */
    public OffsetDateTime getOriginRemovedAt() {
        return originRemovedAt;
    }

    public String getProtectorId() {
        return protectorId;
    }

    public String getKeyId() {
        return keyId;
    }

    public UUID getSecretId() {
        return secretId;
    }

    public KeyState getState() {
        return state;
    }

    public OffsetDateTime getEscrowedAt() {
        return escrowedAt;
    }

    public OffsetDateTime getLastSeenAt() {
        return lastSeenAt;
    }

    public OffsetDateTime getSupersededAt() {
        return supersededAt;
    }

    /** The protector that replaced this key in a rotation; {@code null} otherwise. */
    public String getReplacedByProtectorId() {
        return replacedByProtectorId;
    }

    /** The last check-in whose agent reported this key's protector on the device; {@code null} before the first. */
    public OffsetDateTime getConfirmedAt() {
        return confirmedAt;
    }

    /** The last verification that opened the sealed secret and found a valid recovery password in it. */
    public OffsetDateTime getLastVerifiedAt() {
        return lastVerifiedAt;
    }

    /** Since when the sealed secret does not open; {@code null} while it does. */
    public OffsetDateTime getUnreadableSince() {
        return unreadableSince;
    }

    /** Why it does not open, in words that hold nothing of the secret; {@code null} while it does. */
    public String getUnreadableReason() {
        return unreadableReason;
    }
}
