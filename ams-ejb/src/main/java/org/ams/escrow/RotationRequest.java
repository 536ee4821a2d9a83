package org.ams.escrow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
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
import java.util.List;
import java.util.UUID;
import org.ams.devices.Device;

/**
 * A rotation the server asked a device for: replace the recovery-password protector of one escrowed key. It is
 * {@link State#REQUESTED} until the device uploads the replacement, {@link State#REPLACEMENT_HELD} until the agent
 * reports that the old protector is gone, then {@link State#DONE} or {@link State#FAILED} from the agent's result;
 * {@link State#CANCELLED} when the key left the device before the agent replaced it. At most one is open per key.
 */
@Entity
@Table(name = "key_rotation")
@NamedQuery(name = RotationRequest.OPEN_OF_DEVICE, query = "SELECT r FROM RotationRequest r "
        + "WHERE r.device = :device AND r.openFlag IS NOT NULL")
@NamedQuery(name = RotationRequest.OF_DEVICE, query = "SELECT r FROM RotationRequest r "
        + "WHERE r.device.id = :deviceId ORDER BY r.requestedAt DESC, r.id")
public class RotationRequest {

    static final String OPEN_OF_DEVICE = "RotationRequest.openOfDevice";
    static final String OF_DEVICE = "RotationRequest.ofDevice";
    public static final int MAX_REASON = 1000;

    /** Why the server asked. */
    public enum Cause {
        /** The policy replaces a recovery password once it has been shown. */
        DISCLOSED,
        /** The policy replaces recovery passwords older than a number of days. */
        AGE,
        /** An administrator's Rotate now, for one key or one device. */
        ADMINISTRATOR,
        /** Incident response: every key a given user has been shown. */
        SHOWN_TO_USER,
        /** Incident response: every key of a device group. */
        DEVICE_GROUP,
        /** The device's own user read it by self-service recovery, which always replaces it. */
        SELF_SERVICE
    }

    public enum State {
        REQUESTED,
        REPLACEMENT_HELD,
        DONE,
        FAILED,
        CANCELLED;

        public boolean open() {
            return this == REQUESTED || this == REPLACEMENT_HELD;
        }
    }

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "recovery_key_id")
    private RecoveryKey key;

    @ManyToOne(optional = false)
    @JoinColumn(name = "device_id")
    private Device device;

    @Column(name = "protector_id", nullable = false, length = 38)
    private String protectorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private Cause cause;

    @Column(name = "requested_by", nullable = false, length = 255)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private OffsetDateTime requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private State state;

    @Column(name = "open_flag")
    private Boolean openFlag;

    @Column(name = "new_protector_id", length = 38)
    private String newProtectorId;

    @Column(name = "failed_step", length = 16)
    private String failedStep;

    @Column(name = "failure_reason", length = MAX_REASON)
    private String failureReason;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    /** When the channels that take system alerts were told it is overdue ({@link OverdueRotations}); once. */
    @Column(name = "overdue_alerted_at")
    private OffsetDateTime overdueAlertedAt;

    @Version
    private long version;

    protected RotationRequest() {
    }

    /** The device's open rotations (requested, or with their replacement held), at most one per key. */
    static List<RotationRequest> openOf(EntityManager em, Device device) {
        return em.createNamedQuery(OPEN_OF_DEVICE, RotationRequest.class).setParameter("device", device)
                .getResultList();
    }

    RotationRequest(RecoveryKey key, Cause cause, String requestedBy) {
        this.id = UUID.randomUUID();
        this.key = key;
        this.device = key.getDevice();
        this.protectorId = key.getProtectorId();
        this.cause = cause;
        this.requestedBy = requestedBy;
        this.requestedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.state = State.REQUESTED;
        this.openFlag = Boolean.TRUE;
    }

    void replacementHeld(String newProtector) {
        this.state = State.REPLACEMENT_HELD;
        this.newProtectorId = newProtector;
    }

    void done(String newProtector, OffsetDateTime at) {
        this.newProtectorId = newProtector == null ? newProtectorId : newProtector;
        close(State.DONE, at);
    }

    void failed(String step, String reason, OffsetDateTime at) {
        this.failedStep = step;
        this.failureReason = reason;
        close(State.FAILED, at);
    }

    void cancelled() {
        close(State.CANCELLED, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void close(State closed, OffsetDateTime at) {
        this.state = closed;
        this.openFlag = null;
        this.completedAt = at;
    }

    public UUID getId() {
        return id;
    }

    public RecoveryKey getKey() {
        return key;
    }

    public Device getDevice() {
        return device;
    }

    public String getProtectorId() {
        return protectorId;
    }

    public Cause getCause() {
        return cause;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public OffsetDateTime getRequestedAt() {
        return requestedAt;
    }

    public State getState() {
        return state;
    }

    public String getNewProtectorId() {
        return newProtectorId;
    }

    public String getFailedStep() {
        return failedStep;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public OffsetDateTime getOverdueAlertedAt() {
        return overdueAlertedAt;
    }

    public OffsetDateTime getCompletedAt() {
        return completedAt;
    }
}
