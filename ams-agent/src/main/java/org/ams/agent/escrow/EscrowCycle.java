package org.ams.agent.escrow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ams.agent.bitlocker.BitLockerVolume;
import org.ams.agent.bitlocker.RecoveryPasswordProtector;
import org.ams.agent.bitlocker.VolumeReadException;
import org.ams.agent.bitlocker.VolumeSource;
import org.ams.agent.state.RotationJournal;
import org.ams.agent.transport.AgentApiException;
import org.ams.agent.transport.AgentServer;
import org.ams.agent.users.DeviceUsers;
import org.ams.agent.users.UsersReadException;
import org.ams.protocol.MountPoint;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.VolumeId;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.protocol.wire.AgentPolicy;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.DriveType;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.ProtectorResult;
import org.ams.protocol.wire.RotationResult;
import org.ams.protocol.wire.VolumeKeys;

/**
 * One check-in with the server and, when the device is approved, the key rotations the server asked for (see
 * {@link KeyRotation}) and then the escrow of every recovery password the policy covers and the server does not hold
 * yet. Passwords are checked (the 48-digit checksum) and sealed to the server's active certificate in memory; a bad one
 * is reported by protector id only. The check-in carries the results of rotations finished since the last check-in
 * the server answered.
 */
public final class EscrowCycle {

    public static final String APPROVED = "APPROVED";

    private final AgentServer client;
    private final VolumeSource volumes;
    private final EnvelopeEncryptor encryptor;
    private final RotationJournal journal;
    private final AgentLog log;
    private final Clock clock;
    private final DeviceUsers users;

    public EscrowCycle(AgentServer client, VolumeSource volumes, EnvelopeEncryptor encryptor, RotationJournal journal,
                       AgentLog log, Clock clock) {
        this(client, volumes, encryptor, journal, log, clock, DeviceUsers.NOT_REPORTED);
    }

    /** @param users who signed in on the device, reported at each check-in */
    public EscrowCycle(AgentServer client, VolumeSource volumes, EnvelopeEncryptor encryptor, RotationJournal journal,
                       AgentLog log, Clock clock, DeviceUsers users) {
        this.users = users;
        this.client = client;
        this.volumes = volumes;
        this.encryptor = encryptor;
        this.journal = journal;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param assertions signs a fresh device assertion per request
     */
    public CycleResult run(DeviceFacts device, AssertionSource assertions) throws AgentApiException,
            VolumeReadException, IOException {
        // Read first, so the check-in can tell the server which protectors exist; a device whose volumes cannot be
        // read still checks in (the server learns it is alive) and then reports the failure.
        List<BitLockerVolume> found;
        VolumeReadException readFailure = null;
        try {
            found = volumes.volumes();
        } catch (VolumeReadException e) {
            found = null;
            readFailure = e;
        }
        List<RotationResult> results = journal.load().unreported();
        CheckInResponse checkIn = client.checkIn(new CheckInRequest(device, found == null ? null : inventory(found),
                results, signedInUsers()), assertions.next());
        if (!results.isEmpty()) {
            // Forgotten only once the server answered; a crash before this line reports them again, which the
            // protocol allows.
            journal.save(journal.load().reported(results));
        }
        if (readFailure != null) {
            throw readFailure;
        }
        AgentPolicy policy = checkIn.policy();
        if (!APPROVED.equals(checkIn.deviceState())) {
            return new CycleResult(checkIn.deviceState(), policy, 0, 0, 0, 0,
                    "device is " + checkIn.deviceState() + "; nothing uploaded until an administrator approves it");
        }
        Optional<X509Certificate> certificate = certificate(checkIn.encryptionCertificate());
        if (certificate.isEmpty()) {
            return new CycleResult(checkIn.deviceState(), policy, 0, 0, 0, 0,
                    "the server has no active encryption certificate yet; nothing uploaded");
        }
        // Rotations first: a rotation under way must not see its new protector uploaded as an ordinary key.
        KeyRotation rotation = new KeyRotation(client, volumes, encryptor, journal, log, clock);
        String rotated = rotation.run(checkIn.rotateProtectorIds(), found, policy, certificate.get(), assertions);
        String rotatedNote = rotated.isEmpty() ? "" : "; " + rotated;
        Set<String> held = new HashSet<>(checkIn.heldProtectorIds() == null ? List.of() : checkIn.heldProtectorIds());
        Selection selection = select(found, policy, held, rotation.protectorsUnderRotation(), certificate.get());
        if (selection.volumes.isEmpty()) {
            return new CycleResult(checkIn.deviceState(), policy, 0, selection.alreadyHeld, 0, selection.invalid,
                    "nothing new to escrow (" + selection.alreadyHeld + " already held by the server)" + rotatedNote);
        }
        KeyUploadResponse upload = client.uploadKeys(new KeyUploadRequest(selection.volumes), assertions.next());
        int stored = 0;
        int alreadyHeld = selection.alreadyHeld;
        int rejected = 0;
        for (ProtectorResult result : upload.results()) {
            switch (result.outcome()) {
                case ProtectorResult.STORED:
                    stored++;
                    log.info("Escrowed recovery password of protector " + result.protectorId());
                    break;
                case ProtectorResult.ALREADY_HELD:
                    alreadyHeld++;
                    break;
                default:
                    rejected++;
                    log.warn("The server rejected protector " + result.protectorId() + ": " + result.reason());
            }
        }
        return new CycleResult(checkIn.deviceState(), policy, stored, alreadyHeld, rejected, selection.invalid,
                stored + " escrowed, " + alreadyHeld + " already held, " + rejected + " rejected, "
                        + selection.invalid + " invalid on this device" + rotatedNote);
    }

    /**
     * Who signed in on the device, or {@code null} (not reported: the server keeps what it had) when that cannot be
     * read: it never stops a check-in, whose purpose is the keys.
     */
    private List<String> signedInUsers() {
        try {
            return users.signedInUsers();
        } catch (UsersReadException e) {
            log.warn(e.getMessage() + " The check-in goes ahead without the device's users.");
            return null;
        }
    }

    /** Every well-formed recovery-password protector id on the device's encrypted volumes, whatever the policy. */
    private static List<String> inventory(List<BitLockerVolume> found) {
        List<String> ids = new ArrayList<>();
        for (BitLockerVolume volume : found) {
            if (!volume.hasEncryptedData()) {
                continue;
            }
            for (RecoveryPasswordProtector protector : volume.recoveryPasswords()) {
                try {
                    ids.add(ProtectorId.parse(protector.protectorId()).value());
                } catch (IllegalArgumentException malformed) {
                    // Reported when the protector is selected for upload.
                }
            }
        }
        return ids;
    }

    private Selection select(List<BitLockerVolume> found, AgentPolicy policy, Set<String> held,
                             Set<String> underRotation, X509Certificate certificate) {
        Selection selection = new Selection();
        for (BitLockerVolume volume : found) {
            if (!volume.hasEncryptedData()) {
                continue;
            }
            Optional<DriveType> type = volume.driveType();
            if (type.isEmpty()) {
                log.warn("Volume " + volume.displayName() + " has unknown volume type " + volume.volumeType()
                        + "; skipped");
                continue;
            }
            if (!policy.allows(type.get())) {
                log.info("Volume " + volume.displayName() + " is not backed up: the agent policy does not include "
                        + (type.get() == DriveType.OS ? "OS" : type.get().name().toLowerCase(java.util.Locale.ROOT))
                        + " drives");
                continue;
            }
            // The server refuses a whole upload with a volume id or mount point it does not accept (the rule is
            // shared through ams-protocol), so such a volume is dealt with here, without holding back the others.
            Optional<VolumeId> volumeId = volumeId(volume, selection);
            if (volumeId.isEmpty()) {
                continue;
            }
            List<ProtectorKey> keys = new ArrayList<>();
            for (RecoveryPasswordProtector protector : volume.recoveryPasswords()) {
                if (!underRotation.contains(canonicalOrSame(protector.protectorId()))) {
                    seal(volume, protector, held, certificate, selection).ifPresent(keys::add);
                }
            }
            if (!keys.isEmpty()) {
                selection.volumes.add(new VolumeKeys(volumeId.get().value(), mountPoint(volume), type.get().name(),
                        keys));
            }
        }
        return selection;
    }

    /** A volume whose id is not a volume GUID path cannot be escrowed: each of its passwords counts as invalid. */
    private Optional<VolumeId> volumeId(BitLockerVolume volume, Selection selection) {
        try {
            return Optional.of(VolumeId.parse(volume.volumeId()));
        } catch (IllegalArgumentException e) {
            selection.invalid += volume.recoveryPasswords().size();
            log.warn("Volume " + volume.displayName() + " is skipped: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A mount point only describes the volume: one the server would refuse is left out, the keys still go. */
    private String mountPoint(BitLockerVolume volume) {
        if (volume.mountPoint() == null || volume.mountPoint().isBlank()) {
            return null;
        }
        try {
            return MountPoint.parse(volume.mountPoint()).value();
        } catch (IllegalArgumentException e) {
            log.warn("Volume " + volume.volumeId() + " is uploaded without its mount point: " + e.getMessage());
            return null;
        }
    }

    private Optional<ProtectorKey> seal(BitLockerVolume volume, RecoveryPasswordProtector protector, Set<String> held,
                                        X509Certificate certificate, Selection selection) {
        String protectorId;
        try {
            protectorId = ProtectorId.parse(protector.protectorId()).value();
        } catch (IllegalArgumentException e) {
            selection.invalid++;
            log.warn("Volume " + volume.displayName() + " has a protector whose id is not a GUID; skipped");
            return Optional.empty();
        }
        if (held.contains(protectorId)) {
            selection.alreadyHeld++;
            return Optional.empty();
        }
        char[] typed = protector.password();
        try {
            RecoveryPassword password = RecoveryPassword.parse(typed);
            byte[] envelope = encryptor.seal(password, certificate);
            return Optional.of(ProtectorKey.escrow(protectorId, Base64.getEncoder().encodeToString(envelope)));
        } catch (IllegalArgumentException e) {
            selection.invalid++;
            // The exception's message names the failing group, never the digits.
            log.warn("Recovery password of protector " + protectorId + " on " + volume.displayName()
                    + " fails BitLocker's checksum (" + e.getMessage() + "); not uploaded");
            return Optional.empty();
        } catch (EnvelopeException e) {
            selection.invalid++;
            log.warn("Cannot seal the recovery password of protector " + protectorId + ": " + e.getMessage());
            return Optional.empty();
        } finally {
            java.util.Arrays.fill(typed, '\0');
        }
    }

    private static String canonicalOrSame(String protectorId) {
        try {
            return ProtectorId.parse(protectorId).value();
        } catch (IllegalArgumentException e) {
            return protectorId;
        }
    }

    private Optional<X509Certificate> certificate(String base64) throws AgentApiException {
        if (base64 == null || base64.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64))));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new AgentApiException(200, "BAD_CERTIFICATE",
                    "The server sent an encryption certificate this agent cannot read.");
        }
    }

    /** Signs one device assertion per request, so each can be used only once. */
    @FunctionalInterface
    public interface AssertionSource {
        String next();
    }

    private static final class Selection {
        private final List<VolumeKeys> volumes = new ArrayList<>();
        private int alreadyHeld;
        private int invalid;
    }
}
