package org.ams.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.Decision;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceGroup;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.Rotations;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.CallerIdentity;
import org.ams.identity.signin.NotSignedInException;
import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;
import org.ams.notify.Notifications;
import org.ams.protocol.RecoveryPassword;
import org.ams.security.RoleNames;

/**
 * Self-service recovery: a locked-out user reads the recovery password of their own device by typing the recovery key
 * ID its recovery screen shows (the first 8 characters, or more), never by computer name, and only a key of a device
 * they are a recorded user of: its agent reported them signed in on it, or an administrator made them its primary
 * user ({@link Device#userRelation}). One of the device's groups (its tenant's "All devices" group included) must have
 * self-service turned on.
 * <p>
 * It is an access request like the helpdesk's in everything but who decides: counted against the same rate limits
 * (from the same audit actions, under the same row locks), one audit record per read, granted or refused, in the same
 * transaction as the password is opened (fail closed), the global notification channels told (a fail-closed one that
 * cannot be reached refuses the read), and a granted read asks the device to replace that key at its next check-in,
 * whatever its policy. The authorization rules do not have to allow it, but an explicit Deny of <em>Read BitLocker
 * recovery passwords</em> naming the user or their groups for that computer still wins.
 * <p>
 * Only the SelfService role may call it; like {@link AccessRequests} it takes no user from its caller.
 */
@Stateless
@RolesAllowed(RoleNames.SELF_SERVICE)
public class SelfServiceRecovery {

    public static final String ACTION = "access.self-service-read";
    /** What a user reads when the key ID is nobody's or another user's: the same words, so nothing is learnt. */
    static final String NOT_YOURS = "No device of yours has a recovery key with this ID. Check the key ID on the "
            + "recovery screen, or call your helpdesk.";
    /** Looked at when deciding; a prefix matching more than this is ambiguous anyway. */
    private static final int MAX_CANDIDATES = 100;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private CallerIdentity callers;

    @EJB
    private AccessSettingsService settings;

    @EJB
    private RateLimitLocks locks;

    @EJB
    private AuthorizationDecisions decisions;

    @EJB
    private Notifications notifications;

    @EJB
    private SecretVault vault;

    @EJB
    private AuditTrail audit;

    @EJB
    private Rotations rotations;

    /**
     * The caller's read of their own device's recovery password.
     *
     * @param typedKeyId the recovery key ID from the recovery screen: at least its first 8 characters, braces, dashes
     *                   and case as the user likes
     * @param otherText  the user's words when the reason is {@link SelfServiceReason#OTHER}
     * @throws AccessRequestException for a malformed key ID or a missing reason: nothing is recorded
     */
    public SelfServiceOutcome recover(String clientAddress, String typedKeyId, SelfServiceReason reason,
                                      String otherText) {
        AuthenticatedUser user;
        try {
            user = callers.signedIn();
        } catch (NotSignedInException e) {
            throw new AccessRequestException(e.getMessage());
        }
        String address = AccessRequests.clientAddress(clientAddress);
        KeyIdPrefix prefix = KeyIdPrefix.parse(typedKeyId);
        String statedReason = SelfServiceReason.stated(reason, otherText);

        Read read = new RateLimitCheck(em, locks).exceeded(user.username(), address,
                settings.current().getRateLimits()).map(Read::refused).orElseGet(() -> decide(user, prefix));
        if (read.result.granted()) {
            read = notified(read, user, statedReason, address);
        }
        RecoveryPassword password = read.result.granted() ? vault.openRecoveryPassword(read.key.getSecretId()) : null;
        Device device = read.key == null ? null : read.key.getDevice();
        AuditEvent record = audit.record(AuditEntry.builder(ACTION, device == null ? "RecoveryKeyId" : "Device")
                .target(device == null ? prefix.digits() : device.getId().toString(),
                        device == null ? null : device.getName())
                .details(details(prefix, read))
                .clientAddress(address)
                .reason(statedReason)
                .resultCode(read.result.name())
                .permission(Permission.READ_BITLOCKER_RECOVERY_PASSWORD.name())
                .rule(read.denyingRuleId, read.denyingRule)
                .notificationChannels(notifications.firingChannelNames(List.of(), read.result.granted()))
                .build());
        notifications.enqueue(notice(user, device, statedReason, read.result, read.denyingRule, address)
                .withRequestId(String.valueOf(record.getSequence())), List.of());
        if (!read.result.granted()) {
            return new SelfServiceOutcome(read.result, message(read), null, null, null, null, null,
                    record.getSequence(), false);
        }
        boolean rotating = rotations.disclosedToOwnUser(read.key.getId(), user.username(), record.getSequence());
        return new SelfServiceOutcome(read.result, null, device.getName(), read.key.getMountPoint(),
                read.key.getKeyId(), read.key.getProtectorId(), password, record.getSequence(), rotating);
    }

    /** Which key, and whether this user may read it: the refusals of self-service first, then an explicit Deny. */
    private Read decide(AuthenticatedUser user, KeyIdPrefix prefix) {
        List<RecoveryKey> candidates = em.createQuery("SELECT k FROM RecoveryKey k JOIN FETCH k.device d WHERE "
                        + "k.keyId = :keyId AND k.protectorId LIKE :pattern AND "
                        + "k.state = org.ams.escrow.KeyState.CURRENT AND "
                        + "d.state <> org.ams.devices.DeviceState.DELETED ORDER BY d.nameKey, d.id, k.mountPoint",
                        RecoveryKey.class)
                .setParameter("keyId", prefix.keyId())
                .setParameter("pattern", prefix.protectorIdPattern())
                .setMaxResults(MAX_CANDIDATES)
                .getResultList();
        Map<RecoveryKey, String> mine = new LinkedHashMap<>();
        for (RecoveryKey key : candidates) {
            key.getDevice().userRelation(user.username()).ifPresent(relation -> mine.put(key, relation));
        }
        if (mine.isEmpty()) {
            return candidates.isEmpty() ? Read.refused(ResultCode.KEY_ID_NOT_FOUND)
                    : new Read(ResultCode.NOT_A_USER_OF_THE_DEVICE, null, null, null, null, candidates);
        }
        if (mine.size() > 1) {
            return new Read(ResultCode.KEY_ID_AMBIGUOUS, null, null, null, null, List.copyOf(mine.keySet()));
        }
        RecoveryKey key = mine.keySet().iterator().next();
        String relation = mine.get(key);
        Optional<DeviceGroup> turnedOnBy = selfServiceGroup(key.getDevice());
        if (turnedOnBy.isEmpty()) {
            return new Read(ResultCode.SELF_SERVICE_OFF, key, relation, null, null, List.of());
        }
        Decision decision = decisions.decide(user, key.getDevice().getId(),
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD);
        if (decision.result() == ResultCode.EXPLICITLY_DENIED) {
            return new Read(ResultCode.EXPLICITLY_DENIED, key, relation, decision.decidingRule().ruleId().toString(),
                    decision.decidingRule().description(), List.of());
        }
        return new Read(ResultCode.SUCCESS, key, relation + "; self-service on through device group "
                + turnedOnBy.get().getTenant().getName() + " / " + turnedOnBy.get().getName(), null, null, List.of());
    }

    /** A device group of the device with self-service on: one it was put in, or its tenant's All devices. */
    private Optional<DeviceGroup> selfServiceGroup(Device device) {
        Optional<DeviceGroup> own = device.getGroups().stream().filter(DeviceGroup::isSelfServiceRecovery).findFirst();
        return own.isPresent() ? own : em.createQuery("SELECT g FROM DeviceGroup g WHERE g.allDevices = TRUE AND "
                        + "g.selfServiceRecovery = TRUE AND g.tenant = :tenant", DeviceGroup.class)
                .setParameter("tenant", device.getDirectory().getTenant()).getResultStream().findFirst();
    }

    /** The global fail-closed channels must accept the notice before the password is opened. */
    private Read notified(Read read, AuthenticatedUser user, String reason, String address) {
        try {
            notifications.deliverNow(notice(user, read.key.getDevice(), reason, read.result, null, address),
                    List.of());
            return read;
        } catch (DeliveryFailedException e) {
            return new Read(ResultCode.NOTIFICATION_FAILED, read.key, read.relation + "; " + e.getMessage(), null,
                    null, List.of());
        }
    }

    private static AccessNotification notice(AuthenticatedUser user, Device device, String reason, ResultCode result,
                                             String rule, String address) {
        return new AccessNotification(user.username(), null, device == null ? null : device.getName(),
                device == null ? null : device.getDnsName(), reason, result.code(),
                result.granted() ? "Access granted (self-service)" : "Access denied (self-service)", rule,
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD.label(), address, null, null);
    }

    /** For the audit log's readers: which key, why this user, and which other devices a refused key ID was on. */
    private static String details(KeyIdPrefix prefix, Read read) {
        StringBuilder text = new StringBuilder("self-service read of key id ").append(prefix.digits());
        if (read.key != null) {
            text.append(": protector ").append(read.key.getProtectorId()).append(" (")
                    .append(read.key.getMountPoint() == null ? read.key.getDriveType() : read.key.getMountPoint())
                    .append("), the user is ").append(read.relation);
        }
        if (!read.result.granted()) {
            text.append("; denied: ").append(read.result.name());
        }
        if (!read.others.isEmpty()) {
            text.append("; the key id is on ").append(read.others.stream()
                    .map(key -> key.getDevice().getName() + " (" + key.getDevice().getId() + ")").distinct()
                    .collect(Collectors.joining(", ")));
        }
        String details = text.toString();
        return details.length() <= AuditEvent.MAX_DETAILS ? details
                : details.substring(0, AuditEvent.MAX_DETAILS - 3) + "...";
    }

    private static String message(Read read) {
        return switch (read.result) {
            case KEY_ID_NOT_FOUND, NOT_A_USER_OF_THE_DEVICE -> NOT_YOURS;
            case KEY_ID_AMBIGUOUS -> "This key ID matches recovery keys of " + read.others.stream()
                    .map(key -> key.getDevice().getId()).distinct().count() + " of your devices. Type all 32 "
                    + "characters of the recovery key ID the recovery screen shows.";
            case SELF_SERVICE_OFF -> "Self-service recovery is not turned on for this device. Call your helpdesk.";
            case EXPLICITLY_DENIED -> "You may not read this device's recovery password yourself. Call your helpdesk.";
            case USER_RATE_LIMIT_EXCEEDED, IP_RATE_LIMIT_EXCEEDED -> "Too many requests. Wait a while and try again, "
                    + "or call your helpdesk.";
            case NOTIFICATION_FAILED -> "The recovery password cannot be shown right now. Try again later, or call "
                    + "your helpdesk.";
            default -> "The recovery password cannot be shown. Call your helpdesk.";
        };
    }

    /**
     * A read being decided: the result, the key it is about (when one of the user's), how the user is its device's
     * user, an explicit Deny's rule, and the keys a refused key ID matched (named to the administrators only).
     */
    private record Read(ResultCode result, RecoveryKey key, String relation, String denyingRuleId,
                        String denyingRule, List<RecoveryKey> others) {

        static Read refused(ResultCode result) {
            return new Read(result, null, null, null, null, List.of());
        }
    }
}
