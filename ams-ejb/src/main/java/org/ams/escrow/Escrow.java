package org.ams.escrow;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ams.crypto.CryptoException;
import org.ams.crypto.EncryptionCertificate;
import org.ams.crypto.SealedSecret;
import org.ams.crypto.SecretKind;
import org.ams.crypto.SecretVault;
import org.ams.crypto.UnknownCertificateException;
import org.ams.audit.AuditTrail;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceState;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.wire.DriveType;
import org.ams.protocol.RecoveryPassword;
import org.ams.security.RoleNames;

/**
 * Escrows recovery passwords for a device. An upload is all or nothing: every envelope is checked by the vault (it
 * must open with a certificate of this server and hold a recovery password that passes BitLocker's checksum) before
 * anything of the upload commits. Every upload, every superseded key and every purge is in the audit trail, recorded in
 * the same transaction. Also hands the escrowed secrets out, sealed, for recovery without AMS.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class Escrow {

    /** Audit actions of escrow; the audit log's computer filter finds them by the device's name. */
    public static final String UPLOADED = "recovery-keys.uploaded";
    public static final String SUPERSEDED = "recovery-key.superseded";
    public static final String PURGED = "device.purged";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private SecretVault vault;

    @EJB
    private DeviceDirectory directory;

    @EJB
    private AuditTrail audit;

    /** The protector ids this device's current keys have: the agent sends only what is not among them. */
    // Any caller: check-in of an authenticated agent (no signed-in user); protector ids are not secret.
    @PermitAll
    public Set<String> currentProtectorIds(Device device) {
        return current(device).stream().map(RecoveryKey::getProtectorId).collect(Collectors.toSet());
    }

    // Those who may ask AccessRequests (which decides first), and the Devices page. Sealed secrets' ids, no secret.
    @RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR})
    public List<RecoveryKey> keysOf(UUID deviceId) {
        return em.createNamedQuery(RecoveryKey.OF_DEVICE, RecoveryKey.class).setParameter("deviceId", deviceId)
                .getResultList();
    }

    /**
     * The disaster-recovery export: every sealed secret's envelope from the vault, each recovery password's line
     * naming the device, volume and protector it belongs to, so that a password opened with {@code openssl} can be
     * matched to the computer asking for it. Descriptions and envelopes are read in one transaction, and the vault
     * records the export in the audit log in that transaction too.
     */
    @RolesAllowed(RoleNames.ADMINISTRATOR)
    public DisasterRecoveryExport exportForDisasterRecovery() {
        byte[] content = vault.exportEnvelopes(describeSecrets());
        return new DisasterRecoveryExport(
                "ams-sealed-secrets-" + LocalDate.now().format(DateTimeFormatter.ISO_LOCAL_DATE) + ".jsonl", content);
    }

    private Map<UUID, Map<String, String>> describeSecrets() {
        Map<UUID, Map<String, String>> descriptions = new HashMap<>();
        em.createQuery("SELECT k FROM RecoveryKey k JOIN FETCH k.device", RecoveryKey.class).getResultStream()
                .forEach(key -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    fields.put("deviceName", key.getDevice().getName());
                    fields.put("deviceId", key.getDevice().getId().toString());
                    fields.put("volumeId", key.getVolumeId());
                    fields.put("mountPoint", key.getMountPoint());
                    fields.put("driveType", key.getDriveType() == null ? null : key.getDriveType().name());
                    fields.put("origin", key.getOrigin());
                    fields.put("protectorId", key.getProtectorId());
                    fields.put("keyState", key.getState().name());
                    descriptions.put(key.getSecretId(), fields);
                });
        return descriptions;
    }

    /** Current keys per device id, for the devices of one page of a device list; devices without any are left out. */
    public Map<UUID, Long> currentKeyCounts(Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT k.device.id, COUNT(k) FROM RecoveryKey k WHERE k.device.id IN :ids AND "
                        + "k.state = org.ams.escrow.KeyState.CURRENT GROUP BY k.device.id", Object[].class)
                .setParameter("ids", deviceIds)
                .getResultStream().collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1]));
    }

    /**
     * Escrows an upload and records it in the audit trail, in this transaction: one record for the upload (every
     * protector with its drive type, mount point and result) and one for each key it supersedes. No record, no
     * escrow.
     */
    // Any caller: the upload of an authenticated agent (no signed-in user).
    @PermitAll
    public List<EscrowOutcome> upload(Device device, List<EscrowedVolume> volumes) {
        Map<String, RecoveryKey> current = current(device).stream()
                .collect(Collectors.toMap(RecoveryKey::getProtectorId, Function.identity()));
        Map<String, RotationRequest> rotating = requestedReplacements(device, volumes);
        List<EscrowOutcome> outcomes = new ArrayList<>();
        List<String> results = new ArrayList<>();
        List<RecoveryKey> superseded = new ArrayList<>();
        for (EscrowedVolume volume : volumes) {
            for (EscrowedVolume.Protector protector : volume.protectors()) {
                EscrowOutcome outcome = escrow(device, volume, protector, current, superseded);
                outcomes.add(outcome);
                if (protector.replaces() != null) {
                    rotating.get(protector.replaces().value()).replacementHeld(protector.protectorId().value());
                }
                results.add(outcome.protectorId().value() + " (" + volume.driveType().name()
                        + (volume.mountPoint() == null ? "" : ", " + volume.mountPoint().value()) + "): "
                        + outcome.result().name() + (protector.replaces() == null ? ""
                        : ", replacing " + protector.replaces().value() + " (rotation)"));
            }
        }
        // Recorded last: the audit trail locks the chain's head until this transaction ends.
        for (RecoveryKey key : superseded) {
            recordSuperseded(device, key, "replaced by a new recovery password for the same protector");
        }
        long stored = outcomes.stream().filter(o -> o.result() == EscrowOutcome.Result.STORED).count();
        audit.record(UPLOADED, "Device", device.getId().toString(), device.getName(), outcomes.size()
                + " recovery password(s) uploaded: " + stored + " stored, " + (outcomes.size() - stored)
                + " already held. " + String.join("; ", results));
        return outcomes;
    }

    /**
     * The open rotations the upload's replacements answer, by replaced protector id; refuses the whole upload when a
     * replacement answers none (not asked, already answered by another protector, or on another volume).
     */
    private Map<String, RotationRequest> requestedReplacements(Device device, List<EscrowedVolume> volumes) {
        Map<String, RotationRequest> requested = new HashMap<>();
        boolean any = volumes.stream().flatMap(volume -> volume.protectors().stream())
                .anyMatch(protector -> protector.replaces() != null);
        if (!any) {
            return requested;
        }
        Map<String, RotationRequest> open = RotationRequest.openOf(em, device).stream()
                .collect(Collectors.toMap(RotationRequest::getProtectorId, Function.identity()));
        for (EscrowedVolume volume : volumes) {
            for (EscrowedVolume.Protector protector : volume.protectors()) {
                ProtectorId replaced = protector.replaces();
                if (replaced == null) {
                    continue;
                }
                RotationRequest request = open.get(replaced.value());
                if (request == null || request.getKey().getState() != KeyState.CURRENT) {
                    throw new RotationNotRequestedException(replaced, "the server did not ask this device to "
                            + "replace it.");
                }
                if (replaced.equals(protector.protectorId())) {
                    throw new RotationNotRequestedException(replaced, "a protector cannot replace itself.");
                }
                if (!request.getKey().getVolumeId().equals(volume.volumeId().value())) {
                    throw new RotationNotRequestedException(replaced, "that protector is on another volume.");
                }
                if (request.getNewProtectorId() != null
                        && !request.getNewProtectorId().equals(protector.protectorId().value())) {
                    throw new RotationNotRequestedException(replaced, "the server already holds its replacement "
                            + request.getNewProtectorId() + ".");
                }
                if (requested.put(replaced.value(), request) != null) {
                    throw new RotationNotRequestedException(replaced, "the upload replaces it twice.");
                }
            }
        }
        return requested;
    }

    private EscrowOutcome escrow(Device device, EscrowedVolume volume, EscrowedVolume.Protector protector,
                                 Map<String, RecoveryKey> current, List<RecoveryKey> superseded) {
        ProtectorId protectorId = protector.protectorId();
        UUID secretId;
        try {
            secretId = vault.store(protector.envelope(), SecretKind.RECOVERY_PASSWORD);
        } catch (CryptoException e) {
            throw new EscrowRefusedException(protectorId, e.getMessage(), e instanceof UnknownCertificateException);
        }
        RecoveryKey existing = current.get(protectorId.value());
        if (existing != null) {
            if (vault.sameRecoveryPassword(existing.getSecretId(), secretId)) {
                // Sent again (the agent did not see our answer last time): keep one row, forget the copy.
                em.remove(em.find(SealedSecret.class, secretId));
                existing.seen();
                return new EscrowOutcome(protectorId, EscrowOutcome.Result.ALREADY_HELD);
            }
            existing.supersede();
            superseded.add(existing);
            em.flush();
        }
        RecoveryKey key = new RecoveryKey(device, volume, protectorId, secretId);
        em.persist(key);
        current.put(protectorId.value(), key);
        return new EscrowOutcome(protectorId, EscrowOutcome.Result.STORED);
    }

    /**
     * Keeps a recovery password read from a directory (the BitLocker key import) as escrowed history of the device,
     * sealed at once to the active certificate. A current key of the same protector with the same password is kept
     * instead (nothing stored); one with another password is superseded, with its audit record, as an upload does.
     * The import records each run in the audit trail, with its counts.
     *
     * @param volumeId  the volume as the directory names it (its BitLocker volume GUID in braces)
     * @param driveType the drive type, when the source records it (a file may); {@code null} when it does not (AD)
     * @param createdAt when the directory recorded the password
     * @param origin    where it came from, e.g. "imported from AD Corp at 2026-12-02 10:00 UTC"
     * @param sealTo    the active certificate, looked up once by the caller for all it imports in its transaction
     */
    // Any caller: the key import runs on a timer (no caller) as well as for an administrator's Run now. The password
    // only goes into the vault.
    @PermitAll
    public ImportedKey importKey(Device device, String volumeId, DriveType driveType, ProtectorId protectorId,
                                 RecoveryPassword password, OffsetDateTime createdAt, String origin,
                                 EncryptionCertificate sealTo) {
        UUID secretId = vault.seal(password, sealTo);
        RecoveryKey existing = em.createQuery("SELECT k FROM RecoveryKey k WHERE k.device = :device AND "
                        + "k.protectorId = :protector AND k.state = org.ams.escrow.KeyState.CURRENT", RecoveryKey.class)
                .setParameter("device", device).setParameter("protector", protectorId.value())
                .getResultStream().findFirst().orElse(null);
        if (existing != null) {
            if (vault.sameRecoveryPassword(existing.getSecretId(), secretId)) {
                em.remove(em.find(SealedSecret.class, secretId));
                return new ImportedKey(existing, false);
            }
            existing.supersede();
            em.flush();
            recordSuperseded(device, existing, "the directory holds another recovery password for the same protector");
        }
        RecoveryKey key = new RecoveryKey(device, volumeId, driveType, protectorId, secretId, createdAt, origin);
        em.persist(key);
        return new ImportedKey(key, true);
    }

    /**
     * Marks imported keys as no longer found in their origin (a full scan of the directory did not see them), or as
     * found there again ({@code at} null). The keys themselves are kept either way.
     *
     * @return how many keys changed
     */
    // Any caller: the key import runs on a timer (no caller) as well as for an administrator's Run now.
    @PermitAll
    public int markOriginRemoved(Collection<UUID> keyIds, OffsetDateTime at) {
        if (keyIds.isEmpty()) {
            return 0;
        }
        return em.createQuery("UPDATE RecoveryKey k SET k.originRemovedAt = :at, k.version = k.version "
                        + "WHERE k.id IN :ids AND k.origin IS NOT "
                        + "NULL AND k.originRemovedAt " + (at == null ? "IS NOT NULL" : "IS NULL"))
                .setParameter("at", at).setParameter("ids", keyIds).executeUpdate();
    }

    /**
     * Marks current keys whose protectors are no longer on the device as superseded, each with its audit record.
     *
     * @param present every recovery-password protector id the device reported, of every drive type
     * @return how many keys were superseded
     */
    // Any caller: check-in of an authenticated agent (no signed-in user).
    @PermitAll
    public int supersedeMissing(Device device, Collection<ProtectorId> present) {
        Set<String> ids = present.stream().map(ProtectorId::value).collect(Collectors.toSet());
        List<RecoveryKey> gone = current(device).stream().filter(key -> !ids.contains(key.getProtectorId()))
                .toList();
        if (gone.isEmpty()) {
            return 0;
        }
        Map<RecoveryKey, RotationRequest> rotating = RotationRequest.openOf(em, device).stream()
                .collect(Collectors.toMap(RotationRequest::getKey, Function.identity()));
        List<RecoveryKey> superseded = new ArrayList<>();
        for (RecoveryKey key : gone) {
            RotationRequest request = rotating.get(key);
            if (request != null && request.getState() == RotationRequest.State.REPLACEMENT_HELD) {
                // The agent deleted it after we acknowledged the replacement; its result may follow, as a repeat.
                RotationLedger.completed(em, audit, device, request, request.getNewProtectorId(),
                        OffsetDateTime.now(ZoneOffset.UTC));
                continue;
            }
            key.supersede();
            superseded.add(key);
            if (request != null) {
                RotationLedger.cancelled(em, audit, device, request);
            }
        }
        for (RecoveryKey key : superseded) {
            recordSuperseded(device, key, "its protector is no longer on the device");
        }
        return gone.size();
    }

    /**
     * Marks the device's current keys whose protectors it reported as confirmed on the device now. One bulk UPDATE
     * for the whole check-in, and it writes only keys whose confirmation is older than {@code refreshAfter} (see
     * {@link DeviceConfirmation}): on schedule that is each key once per check-in, otherwise nothing. A reported
     * protector the server holds no current key for is not recorded here: the agent uploads it after this check-in.
     *
     * @param present every recovery-password protector id the device reported, of every drive type
     * @return how many keys were marked
     */
    // Any caller: check-in of an authenticated agent (no signed-in user); protector ids are not secret.
    @PermitAll
    public int confirmOnDevice(Device device, Collection<ProtectorId> present, Duration refreshAfter) {
        if (present.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return em.createQuery("UPDATE RecoveryKey k SET k.confirmedAt = :now, k.version = k.version "
                        + "WHERE k.device = :device "
                        + "AND k.state = org.ams.escrow.KeyState.CURRENT AND k.protectorId IN :ids "
                        + "AND (k.confirmedAt IS NULL OR k.confirmedAt < :refreshBefore)")
                .setParameter("now", now)
                .setParameter("device", device)
                .setParameter("ids", present.stream().map(ProtectorId::value).distinct().toList())
                .setParameter("refreshBefore", now.minus(refreshAfter))
                .executeUpdate();
    }

    /**
     * Destroys every escrowed recovery password of a deleted device, history included. Only for devices an
     * administrator deleted first: a device in use never loses its keys by one click.
     *
     * @return how many recovery passwords were destroyed
     */
    public int purge(UUID deviceId) {
        Device device = directory.get(deviceId);
        if (device.getState() != DeviceState.DELETED) {
            throw new DeviceException("Only a deleted device's recovery passwords can be purged; delete "
                    + device.getName() + " first.");
        }
        List<RecoveryKey> keys = keysOf(deviceId);
        em.createQuery("DELETE FROM KeyDisclosure d WHERE d.deviceId = :deviceId").setParameter("deviceId", deviceId)
                .executeUpdate();
        em.createQuery("DELETE FROM RotationRequest r WHERE r.device = :device").setParameter("device", device)
                .executeUpdate();
        for (RecoveryKey key : keys) {
            em.remove(key);
            em.flush();
            em.remove(em.find(SealedSecret.class, key.getSecretId()));
        }
        audit.record(PURGED, "Device", device.getId().toString(), device.getName(),
                keys.size() + " escrowed recovery password(s) destroyed" + (keys.isEmpty() ? "" : ": " + keys.stream()
                        .map(key -> describe(key) + " " + key.getState().name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining("; "))));
        return keys.size();
    }

    private void recordSuperseded(Device device, RecoveryKey key, String why) {
        audit.record(SUPERSEDED, "Device", device.getId().toString(), device.getName(), "Recovery password of "
                + describe(key) + ", escrowed " + key.getEscrowedAt().withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS) + ", superseded: " + why + ". It is kept as history.");
    }

    /** A key as the audit log names it: protector id, drive type and mount point (or volume id); never its secret. */
    static String describe(RecoveryKey key) {
        return key.getProtectorId() + " (" + (key.getDriveType() == null ? "drive type not recorded"
                : key.getDriveType().name()) + ", "
                + (key.getMountPoint() == null ? key.getVolumeId() : key.getMountPoint()) + ")";
    }

    private List<RecoveryKey> current(Device device) {
        return em.createNamedQuery(RecoveryKey.CURRENT_OF_DEVICE, RecoveryKey.class).setParameter("device", device)
                .getResultList();
    }
}
