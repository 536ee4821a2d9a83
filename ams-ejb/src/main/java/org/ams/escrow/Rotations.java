package org.ams.escrow;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.ams.audit.AuditChain;
import org.ams.audit.AuditTrail;
import org.ams.devices.Device;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DeviceNotFoundException;
import org.ams.devices.DeviceState;
import org.ams.policy.KeyRotationPolicy;
import org.ams.policy.PolicyResolver;
import org.ams.security.RoleNames;

/**
 * Replacing recovery passwords on the device: a key shown to someone is disclosed and, when the device's policy says
 * so, its rotation is requested in the same transaction; administrators request rotations for a key, a device, every
 * key a user has been shown or every key of a device group; at check-in a device learns which protectors to replace
 * and reports how each replacement ended. Every request and every outcome is in the audit trail.
 * <p>
 * The agent's order keeps a volume openable throughout: it adds a new protector, escrows it (the upload names the
 * protector it replaces, {@link Escrow#upload}), and deletes the old one only after the server acknowledged the new
 * one. The old key stays current until the device no longer has it; then it is history, "replaced by" the new one.
 * <p>
 * Every rotation is asked for while holding the audit chain's head (which every audited transaction takes anyway),
 * after which the check for one already open sees every committed request: two requests for one key never race to
 * the unique "one open rotation per key" constraint, and no transaction waits for a key's lock while holding the
 * head that the other needs.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class Rotations {

    public static final String REQUESTED = "key-rotation.requested";
    public static final String COMPLETED = "key-rotation.completed";
    public static final String FAILED = "key-rotation.failed";
    public static final String CANCELLED = "key-rotation.cancelled";

    /** Who asked, for the rotations the policy asks for by itself. */
    static final String POLICY = "policy";

    private static final Logger LOG = Logger.getLogger(Rotations.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    @EJB
    private AuditTrail audit;

    @EJB
    private AuditChain chain;

    @EJB
    private PolicyResolver policies;

    /**
     * Records that an access request (audit record {@code auditSequence}) showed these keys to {@code user}, and asks
     * the device to replace each current one among them when its policy replaces shown recovery passwords. Called in
     * the access request's transaction, after its audit record.
     *
     * @return how many rotations were requested
     */
    // The access services call it for their caller, after deciding; it reveals nothing.
    @RolesAllowed(RoleNames.HELPDESK)
    public int disclosed(Collection<UUID> keyIds, String user, long auditSequence) {
        return disclose(keyIds, user, auditSequence, false);
    }

    /**
     * Records that a self-service read (audit record {@code auditSequence}) showed this key to the device's own
     * {@code user}, and asks the device to replace it whatever its policy says: a password read without a helpdesk
     * in the loop is always replaced (unless a rotation of it is already under way). Called in the read's
     * transaction, after its audit record.
     *
     * @return whether the device is to replace the key: asked now, or already under way
     */
    // The self-service read calls it for its caller, after deciding; it reveals nothing.
    @RolesAllowed(RoleNames.SELF_SERVICE)
    public boolean disclosedToOwnUser(UUID keyId, String user, long auditSequence) {
        if (disclose(List.of(keyId), user, auditSequence, true) > 0) {
            return true;
        }
        RecoveryKey key = em.find(RecoveryKey.class, keyId);
        return key != null && openKeyIds(key.getDevice()).contains(keyId);
    }

    private int disclose(Collection<UUID> keyIds, String user, long auditSequence, boolean selfService) {
        if (keyIds.isEmpty()) {
            return 0;
        }
        List<RecoveryKey> keys = em.createQuery("SELECT k FROM RecoveryKey k WHERE k.id IN :ids", RecoveryKey.class)
                .setParameter("ids", keyIds).getResultList();
        for (RecoveryKey key : keys) {
            em.persist(new KeyDisclosure(key, user, auditSequence));
        }
        List<RecoveryKey> current = keys.stream().filter(key -> key.getState() == KeyState.CURRENT).toList();
        if (current.isEmpty()) {
            return 0;
        }
        Device device = current.get(0).getDevice();
        if (!selfService && !policies.resolve(device).rotation().rotateDisclosed()) {
            return 0;
        }
        chain.lockedHead();
        Set<UUID> pending = openKeyIds(device);
        int requested = 0;
        for (RecoveryKey key : current) {
            if (!pending.contains(key.getId())) {
                em.persist(new RotationRequest(key, selfService ? RotationRequest.Cause.SELF_SERVICE
                        : RotationRequest.Cause.DISCLOSED, user));
                em.flush();
                audit.record(REQUESTED, "Device", device.getId().toString(), device.getName(), "Rotation of the "
                        + "recovery password of " + Escrow.describe(key) + " requested: shown to " + user
                        + " (audit record " + auditSequence + "), and " + (selfService
                        ? "a recovery password read by self-service is always replaced."
                        : "the device's agent policy replaces a recovery password once shown.")
                        + " The device replaces it at its next check-in.");
                requested++;
            }
        }
        return requested;
    }

    /** Rotate now: one escrowed key. */
    public int rotateKey(UUID keyId) {
        RecoveryKey key = Optional.ofNullable(keyId == null ? null : em.find(RecoveryKey.class, keyId))
                .orElseThrow(() -> new RotationException("The recovery password no longer exists."));
        if (key.getState() != KeyState.CURRENT) {
            throw new RotationException("The recovery password of " + Escrow.describe(key) + " is history: "
                    + "the device no longer has it, so there is nothing to replace.");
        }
        requireInUse(key.getDevice());
        return request(List.of(key), RotationRequest.Cause.ADMINISTRATOR,
                "one recovery password: " + Escrow.describe(key));
    }

    /** Rotate now: every current key of one device. */
    public int rotateDevice(UUID deviceId) {
        Device device = Optional.ofNullable(deviceId == null ? null : em.find(Device.class, deviceId))
                .orElseThrow(() -> new DeviceNotFoundException("The computer no longer exists."));
        requireInUse(device);
        return request(currentKeys("SELECT k FROM RecoveryKey k WHERE k.device = :scope", device),
                RotationRequest.Cause.ADMINISTRATOR, "every recovery password of " + device.getName());
    }

    /** Incident response: every current key the user has been shown, e.g. once their account was compromised. */
    public int rotateShownTo(String user) {
        String name = user == null ? "" : user.strip();
        if (name.isEmpty() || name.length() > 255) {
            throw new RotationException("Name the user whose shown recovery passwords are to be replaced, as the "
                    + "audit log names them (1 to 255 characters).");
        }
        return request(currentKeys("SELECT DISTINCT k FROM KeyDisclosure d JOIN d.key k "
                        + "WHERE LOWER(d.disclosedTo) = :scope", name.toLowerCase(Locale.ROOT)),
                RotationRequest.Cause.SHOWN_TO_USER, "every recovery password shown to " + name);
    }

    /** Incident response: every current key of the devices in a group (a tenant's All devices: the tenant's). */
    public int rotateGroup(UUID groupId) {
        DeviceGroup group = Optional.ofNullable(groupId == null ? null : em.find(DeviceGroup.class, groupId))
                .orElseThrow(() -> new RotationException("The device group no longer exists."));
        List<RecoveryKey> keys = group.isAllDevices()
                ? currentKeys("SELECT k FROM RecoveryKey k WHERE k.device.directory.tenant = :scope",
                group.getTenant())
                : currentKeys("SELECT k FROM RecoveryKey k JOIN k.device.groups g WHERE g = :scope", group);
        return request(keys, RotationRequest.Cause.DEVICE_GROUP,
                "every recovery password of device group " + group.getTenant().getName() + " / " + group.getName());
    }

    private List<RecoveryKey> currentKeys(String query, Object scope) {
        return em.createQuery(query + " AND k.state = org.ams.escrow.KeyState.CURRENT "
                        + "AND k.device.state = org.ams.devices.DeviceState.APPROVED", RecoveryKey.class)
                .setParameter("scope", scope).getResultList();
    }

    private static void requireInUse(Device device) {
        if (device.getState() != DeviceState.APPROVED) {
            throw new RotationException(device.getName() + " is " + device.getState().name().toLowerCase(Locale.ROOT)
                    + ": only an approved device checks in and can replace its recovery passwords.");
        }
    }

    /** One request per key not already being replaced; one audit record per device, and one for the whole scope. */
    private int request(List<RecoveryKey> keys, RotationRequest.Cause cause, String scope) {
        String by = context.getCallerPrincipal().getName();
        chain.lockedHead();
        Set<UUID> pending = keys.isEmpty() ? Set.of() : new HashSet<>(em.createQuery("SELECT r.key.id FROM "
                + "RotationRequest r WHERE r.openFlag IS NOT NULL AND r.key IN :keys", UUID.class)
                .setParameter("keys", keys).getResultList());
        Map<Device, List<RecoveryKey>> byDevice = new HashMap<>();
        for (RecoveryKey key : keys) {
            if (!pending.contains(key.getId())) {
                em.persist(new RotationRequest(key, cause, by));
                byDevice.computeIfAbsent(key.getDevice(), device -> new ArrayList<>()).add(key);
            }
        }
        em.flush();
        int requested = byDevice.values().stream().mapToInt(List::size).sum();
        String summary = "Rotation of " + scope + " requested: " + requested + " recovery password(s) on "
                + byDevice.size() + " device(s) will be replaced at each device's next check-in"
                + (pending.isEmpty() ? "" : "; " + pending.size() + " already being replaced") + ".";
        if (cause == RotationRequest.Cause.ADMINISTRATOR) {
            for (Map.Entry<Device, List<RecoveryKey>> entry : byDevice.entrySet()) {
                Device device = entry.getKey();
                audit.record(REQUESTED, "Device", device.getId().toString(), device.getName(), summary + " Keys: "
                        + entry.getValue().stream().map(Escrow::describe).collect(Collectors.joining("; ")));
            }
            if (byDevice.isEmpty()) {
                audit.record(REQUESTED, "Device", null, null, summary);
            }
        } else {
            audit.record(REQUESTED, cause == RotationRequest.Cause.DEVICE_GROUP ? "DeviceGroup" : "User", null,
                    null, summary);
        }
        return requested;
    }

    private Set<UUID> openKeyIds(Device device) {
        return open(device).stream().map(request -> request.getKey().getId()).collect(Collectors.toSet());
    }

    private List<RotationRequest> open(Device device) {
        return RotationRequest.openOf(em, device);
    }

    /**
     * The protectors this device is to replace: those of its current keys with an open rotation. Asks first for the
     * rotation of current keys older than the policy's age limit that have none (nor a failed one: a failure is an
     * administrator's to look at, not to be retried blindly).
     */
    // Any caller: check-in of an authenticated agent (no signed-in user).
    @PermitAll
    public List<String> dueAtCheckIn(Device device, KeyRotationPolicy policy) {
        if (policy.rotateAfterDays() != null && !aged(device, policy).isEmpty()) {
            chain.lockedHead();
            for (RecoveryKey key : aged(device, policy)) {
                em.persist(new RotationRequest(key, RotationRequest.Cause.AGE, POLICY));
                em.flush();
                audit.record(REQUESTED, "Device", device.getId().toString(), device.getName(), "Rotation of the "
                        + "recovery password of " + Escrow.describe(key) + " requested: escrowed "
                        + key.getEscrowedAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                        + ", and the device's agent policy replaces recovery passwords older than "
                        + policy.rotateAfterDays() + " days.");
            }
        }
        return open(device).stream().filter(request -> request.getKey().getState() == KeyState.CURRENT)
                .map(RotationRequest::getProtectorId).sorted().toList();
    }

    /** Current keys older than the policy's limit with neither an open nor a failed rotation. */
    private List<RecoveryKey> aged(Device device, KeyRotationPolicy policy) {
        OffsetDateTime limit = OffsetDateTime.now(ZoneOffset.UTC).minusDays(policy.rotateAfterDays());
        return em.createQuery("SELECT k FROM RecoveryKey k WHERE k.device = :device AND "
                + "k.state = org.ams.escrow.KeyState.CURRENT AND k.escrowedAt < :limit AND NOT EXISTS (SELECT r "
                + "FROM RotationRequest r WHERE r.key = k AND (r.openFlag IS NOT NULL OR r.state = "
                + "org.ams.escrow.RotationRequest.State.FAILED))", RecoveryKey.class)
                .setParameter("device", device).setParameter("limit", limit).getResultList();
    }

    /**
     * Closes the rotations the agent reports on. A result for a rotation that is not open (never asked for, or
     * already closed: the agent repeats a result it could not forget in time) changes nothing.
     */
    // Any caller: check-in of an authenticated agent (no signed-in user).
    @PermitAll
    public void recordResults(Device device, List<RotationReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        Map<String, RotationRequest> open = open(device).stream()
                .collect(Collectors.toMap(RotationRequest::getProtectorId, Function.identity()));
        for (RotationReport report : reports) {
            RotationRequest request = open.remove(report.protectorId().value());
            if (request == null) {
                LOG.fine(() -> "Device " + device.getId() + " reported a rotation of " + report.protectorId()
                        + " that is not open; ignored as a repeat.");
                continue;
            }
            if (report.done()) {
                RotationLedger.completed(em, audit, device, request, report.newProtectorId() == null
                        ? request.getNewProtectorId() : report.newProtectorId().value(), report.completedAt());
            } else {
                request.failed(report.failedStep(), report.reason(), report.completedAt());
                em.flush();
                audit.record(FAILED, "Device", device.getId().toString(), device.getName(), "Rotation of the "
                        + "recovery password of " + Escrow.describe(request.getKey()) + " failed at step "
                        + report.failedStep() + ": " + report.reason() + " The recovery password stays current"
                        + (request.getNewProtectorId() == null ? "" : " beside its escrowed replacement "
                        + request.getNewProtectorId()) + ".");
            }
        }
    }

    /**
     * Per key of a computer (history included), who was last shown it, its newest rotation and what replaced it;
     * keys with none of these are left out.
     */
    @RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR})
    public Map<UUID, KeyLifecycle> lifecycles(UUID deviceId) {
        KeyHistory history = historyOf(deviceId);
        Map<UUID, KeyLifecycle> lifecycles = new HashMap<>();
        for (RecoveryKey key : em.createNamedQuery(RecoveryKey.OF_DEVICE, RecoveryKey.class)
                .setParameter("deviceId", deviceId).getResultList()) {
            KeyDisclosure shown = history.lastShown(key.getId());
            RotationRequest rotation = history.latestRotation(key.getId());
            if (shown == null && rotation == null && key.getReplacedByProtectorId() == null) {
                continue;
            }
            lifecycles.put(key.getId(), new KeyLifecycle(shown == null ? null : shown.getDisclosedTo(),
                    shown == null ? null : shown.getDisclosedAt(), rotation == null ? null : rotation.getState(),
                    rotation == null || rotation.getState() != RotationRequest.State.FAILED ? null
                            : "step " + rotation.getFailedStep() + ": " + rotation.getFailureReason(),
                    key.getReplacedByProtectorId()));
        }
        return lifecycles;
    }

    /** Per key of a computer (history included): its newest rotation, its last showing and how often it was shown. */
    @RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR})
    public KeyHistory historyOf(UUID deviceId) {
        return new KeyHistory(ofDevice(deviceId), disclosuresOf(deviceId));
    }

    /** A computer's rotations, newest first, for its detail page. */
    @RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR})
    public List<RotationRequest> ofDevice(UUID deviceId) {
        return em.createNamedQuery(RotationRequest.OF_DEVICE, RotationRequest.class)
                .setParameter("deviceId", deviceId).getResultList();
    }

    /** Every showing of a computer's recovery passwords, newest first. */
    @RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR})
    public List<KeyDisclosure> disclosuresOf(UUID deviceId) {
        return em.createQuery("SELECT d FROM KeyDisclosure d WHERE d.deviceId = :deviceId "
                + "ORDER BY d.disclosedAt DESC", KeyDisclosure.class).setParameter("deviceId", deviceId)
                .getResultList();
    }
}
