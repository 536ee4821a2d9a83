package org.ams.agent.escrow;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ams.agent.bitlocker.BitLockerVolume;
import org.ams.agent.bitlocker.KeyProtectorException;
import org.ams.agent.bitlocker.RecoveryPasswordProtector;
import org.ams.agent.bitlocker.VolumeSource;
import org.ams.agent.state.PendingRotation;
import org.ams.agent.state.RotationJournal;
import org.ams.agent.state.Rotations;
import org.ams.agent.transport.AgentApiException;
import org.ams.agent.transport.AgentServer;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.protocol.wire.AgentPolicy;
import org.ams.protocol.wire.ApiError;
import org.ams.protocol.wire.DriveType;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.ProtectorResult;
import org.ams.protocol.wire.RotationResult;
import org.ams.protocol.wire.VolumeKeys;

/**
 * Replaces the recovery-password protectors the server asked for, per protector in this order and no other, so that a
 * volume is never without a recovery password the server can open:
 * <ol>
 *   <li>persist the intent ({@link PendingRotation.Phase#ADDING}, with the volume's protector ids), add a new
 *       numerical-password protector and read its password;</li>
 *   <li>check it, seal it to the active certificate and persist the envelope and the new protector id
 *       ({@link PendingRotation.Phase#SEALED}) before uploading: a crash from here on re-sends the same key;</li>
 *   <li>upload it with {@code replacesProtectorId} (every rotation sealed in the cycle in one request); once the
 *       server acknowledges it (STORED or ALREADY_HELD), persist {@link PendingRotation.Phase#UPLOADED};</li>
 *   <li>delete the replaced protector, only if BitLocker says it is a recovery password;</li>
 *   <li>keep the result for the next check-in.</li>
 * </ol>
 * Nothing is deleted after a failure before step 3 completed, and nothing but the protector the server asked to
 * replace is ever deleted: a protector added by a rotation that then failed stays on the volume and is escrowed as an
 * ordinary key at the next check-in. A BitLocker refusal ends the rotation with a FAILED result; it is not retried
 * unless the server asks again. A server that cannot be reached leaves the rotation pending, and the next cycle
 * resumes it from the persisted phase; listing the same protector again never starts a second rotation for it.
 * <p>
 * <b>A certificate changed on the server mid-way.</b> The persisted envelope may be sealed to a certificate that is
 * no longer active. The server still opens such envelopes, but not once that certificate is retired or deleted, so the
 * agent does not rely on it: when the check-in names another active certificate than the persisted thumbprint, the
 * agent reads the password again from BitLocker by the new protector id, seals it to the active certificate and
 * persists that envelope before uploading. It never adds another protector for this. When the
 * certificate changes between the check-in and the upload and the server refuses the envelope as sealed to a
 * certificate it no longer holds ({@link ApiError#UNKNOWN_CERTIFICATE}), the rotation stays pending and the next
 * check-in's certificate gets the envelope sealed again.
 */
public final class KeyRotation {

    private final AgentServer client;
    private final VolumeSource volumes;
    private final EnvelopeEncryptor encryptor;
    private final RotationJournal journal;
    private final AgentLog log;
    private final Clock clock;
    private Rotations rotations;
    /** Protectors this cycle added and deleted, per volume id: the volume list was read before any of them. */
    private final Map<String, Set<String>> added = new HashMap<>();
    private final Map<String, Set<String>> deleted = new HashMap<>();
    private final Set<String> acknowledged = new HashSet<>();
    /** Rotations sealed and persisted in this cycle (or before), uploaded together once every one is sealed. */
    private final List<PendingRotation> sealedThisCycle = new ArrayList<>();
    private int done;
    private int failed;

    public KeyRotation(AgentServer client, VolumeSource volumes, EnvelopeEncryptor encryptor, RotationJournal journal,
                       AgentLog log, Clock clock) {
        this.client = client;
        this.volumes = volumes;
        this.encryptor = encryptor;
        this.journal = journal;
        this.log = log;
        this.clock = clock;
    }

    /** The context every step needs, fixed for one cycle. */
    private record Cycle(List<BitLockerVolume> found, AgentPolicy policy, X509Certificate certificate,
                         String thumbprint, EscrowCycle.AssertionSource assertions) {
    }

    /**
     * Resumes every rotation under way, then starts one for each requested protector that has none.
     *
     * @param requested the check-in's {@code rotateProtectorIds}
     * @param found     the volumes as read at the start of this cycle
     * @throws AgentApiException only for a temporary failure of an upload; that rotation stays pending
     * @throws IOException       when the journal cannot be written; the rotation stops at the last persisted step
     */
    public String run(List<String> requested, List<BitLockerVolume> found, AgentPolicy policy,
                      X509Certificate certificate, EscrowCycle.AssertionSource assertions)
            throws AgentApiException, IOException {
        rotations = journal.load();
        Cycle cycle = new Cycle(found, policy, certificate, EncryptionCertificates.thumbprintSha256(certificate),
                assertions);
        for (PendingRotation pending : rotations.pending()) {
            resume(pending, cycle);
        }
        for (String id : canonical(requested)) {
            boolean underWay = rotations.pendingFor(id).isPresent();
            boolean awaitingReport = rotations.unreported().stream().anyMatch(r -> r.protectorId().equals(id));
            if (!underWay && !awaitingReport) {
                start(id, cycle);
            }
        }
        uploadSealed(cycle);
        if (done == 0 && failed == 0 && rotations.pending().isEmpty()) {
            return "";
        }
        return done + " rotated, " + failed + " rotation(s) failed, " + rotations.pending().size() + " under way";
    }

    /**
     * New protectors of rotations still under way, which must reach the server as replacements, and those the server
     * acknowledged during this cycle: the ordinary upload leaves them all alone.
     */
    public Set<String> protectorsUnderRotation() {
        Set<String> ids = new HashSet<>(acknowledged);
        for (PendingRotation pending : rotations.pending()) {
            if (pending.newProtectorId() != null) {
                ids.add(pending.newProtectorId());
            }
        }
        return ids;
    }

    private void start(String replaced, Cycle cycle) throws AgentApiException, IOException {
        Optional<BitLockerVolume> holder = cycle.found().stream()
                .filter(volume -> currentIds(volume).contains(replaced)).findFirst();
        if (holder.isEmpty()) {
            finish(replaced, null, RotationResult.STEP_NOT_ON_DEVICE, "This device has no recovery-password "
                    + "protector " + replaced + " (it is another type of protector or unknown); nothing changed.");
            return;
        }
        BitLockerVolume volume = holder.get();
        Optional<DriveType> type = volume.driveType();
        if (type.isEmpty() || !cycle.policy().allows(type.get())) {
            finish(replaced, null, RotationResult.STEP_NOT_ALLOWED, "The agent policy does not back up volume "
                    + volume.displayName() + " (volume type " + volume.volumeType() + "); nothing changed.");
            return;
        }
        log.info("Rotating recovery password protector " + replaced + " on " + volume.displayName());
        PendingRotation pending = new PendingRotation(replaced, volume.volumeId(), volume.mountPoint(),
                type.get().name(), PendingRotation.Phase.ADDING, currentIds(volume), null, null, null,
                Instant.now(clock));
        save(rotations.with(pending));
        add(pending, cycle);
    }

    private void resume(PendingRotation pending, Cycle cycle) throws AgentApiException, IOException {
        Optional<BitLockerVolume> volume = cycle.found().stream()
                .filter(v -> v.volumeId().equals(pending.volumeId())).findFirst();
        if (volume.isEmpty()) {
            // A removable drive may simply be unplugged: wait for it rather than give up on a key half-replaced.
            log.info("Rotation of protector " + pending.replacedProtectorId() + " waits for volume "
                    + pending.volumeId() + ", which is not present");
            return;
        }
        List<String> ids = currentIds(volume.get());
        boolean oldPresent = ids.contains(pending.replacedProtectorId());
        switch (pending.phase()) {
            case ADDING -> {
                List<String> appeared = new ArrayList<>(ids);
                appeared.removeAll(pending.protectorIdsBefore());
                if (appeared.size() == 1) {
                    log.info("Resuming the rotation of protector " + pending.replacedProtectorId()
                            + " with protector " + appeared.get(0) + ", added before the agent stopped");
                    seal(pending, appeared.get(0), cycle);
                } else if (appeared.size() > 1) {
                    finish(pending.replacedProtectorId(), null, RotationResult.STEP_ADD, "Several recovery-password "
                            + "protectors appeared on volume " + pending.volumeId() + " while the agent was stopped, "
                            + "so it cannot tell which one it added; none is used as the replacement, none is deleted.");
                } else if (!oldPresent) {
                    finish(pending.replacedProtectorId(), null, RotationResult.STEP_NOT_ON_DEVICE, "Protector "
                            + pending.replacedProtectorId() + " is no longer on the device; nothing changed.");
                } else {
                    add(pending, cycle);
                }
            }
            case SEALED -> {
                if (!ids.contains(pending.newProtectorId())) {
                    if (!oldPresent) {
                        finish(pending.replacedProtectorId(), null, RotationResult.STEP_NOT_ON_DEVICE,
                                "Neither protector " + pending.replacedProtectorId() + " nor its replacement "
                                        + pending.newProtectorId() + " is on the device any more.");
                        return;
                    }
                    log.warn("Protector " + pending.newProtectorId() + " disappeared from the volume before the "
                            + "server held it; the rotation of " + pending.replacedProtectorId() + " starts over");
                    PendingRotation restarted = pending.restarted(ids);
                    save(rotations.with(restarted));
                    add(restarted, cycle);
                } else if (!cycle.thumbprint().equals(pending.certificateSha256())) {
                    log.info("The server's encryption certificate changed; sealing protector "
                            + pending.newProtectorId() + " again from BitLocker");
                    seal(pending, pending.newProtectorId(), cycle);
                } else {
                    sealedThisCycle.add(pending);
                }
            }
            case UPLOADED -> delete(pending, oldPresent);
            default -> throw new IllegalStateException("Unknown rotation phase " + pending.phase());
        }
    }

    /** Step 1: a new protector. A refusal here has changed nothing on the volume. */
    private void add(PendingRotation pending, Cycle cycle) throws AgentApiException, IOException {
        String newId;
        try {
            newId = volumes.addRecoveryPasswordProtector(pending.volumeId());
        } catch (KeyProtectorException e) {
            finish(pending.replacedProtectorId(), null, RotationResult.STEP_ADD, e.getMessage());
            return;
        }
        added.computeIfAbsent(pending.volumeId(), v -> new HashSet<>()).add(newId);
        seal(pending, newId, cycle);
    }

    /** Steps 1 (read) and 2: the password checked and sealed in memory, the envelope persisted before any upload. */
    private void seal(PendingRotation pending, String newId, Cycle cycle) throws AgentApiException, IOException {
        char[] typed = null;
        String envelope;
        try {
            typed = volumes.recoveryPassword(pending.volumeId(), newId);
            RecoveryPassword password = RecoveryPassword.parse(typed);
            envelope = Base64.getEncoder().encodeToString(encryptor.seal(password, cycle.certificate()));
        } catch (KeyProtectorException | EnvelopeException e) {
            finishWithNew(pending, newId, RotationResult.STEP_READ, e.getMessage()
                    + " The new protector stays on the volume; the old one is not deleted.");
            return;
        } catch (IllegalArgumentException e) {
            // The message names the failing group, never the digits.
            finishWithNew(pending, newId, RotationResult.STEP_READ, "The new recovery password fails BitLocker's "
                    + "checksum (" + e.getMessage() + "); the old protector is not deleted.");
            return;
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        }
        PendingRotation sealed = pending.sealed(newId, envelope, cycle.thumbprint());
        save(rotations.with(sealed));
        sealedThisCycle.add(sealed);
    }

    /**
     * Step 3 for every rotation sealed by now, in one request: a device replacing all its keys at once (an incident)
     * costs the server one upload, not one per volume. A refusal of the whole request (one replacement the server no
     * longer expects refuses them all) is followed by one upload per rotation, so that each gets its own answer.
     */
    private void uploadSealed(Cycle cycle) throws AgentApiException, IOException {
        if (sealedThisCycle.size() < 2) {
            for (PendingRotation pending : sealedThisCycle) {
                upload(pending, cycle);
            }
            return;
        }
        Map<String, VolumeKeys> byVolume = new LinkedHashMap<>();
        for (PendingRotation pending : sealedThisCycle) {
            VolumeKeys volume = byVolume.get(pending.volumeId());
            List<ProtectorKey> keys = new ArrayList<>(volume == null ? List.of() : volume.protectors());
            keys.add(replacement(pending));
            byVolume.put(pending.volumeId(), new VolumeKeys(pending.volumeId(), pending.mountPoint(),
                    pending.driveType(), keys));
        }
        KeyUploadResponse response;
        try {
            response = client.uploadKeys(new KeyUploadRequest(List.copyOf(byVolume.values())),
                    cycle.assertions().next());
        } catch (AgentApiException e) {
            if (waitsForNextCheckIn(e, "The " + sealedThisCycle.size() + " replacements of protectors "
                    + sealedThisCycle.stream().map(PendingRotation::replacedProtectorId)
                    .collect(java.util.stream.Collectors.joining(", ")))) {
                return;
            }
            log.warn("The server refused the " + sealedThisCycle.size() + " replacements sent together ("
                    + e.code().orElse(String.valueOf(e.status())) + "); sending each on its own");
            for (PendingRotation pending : sealedThisCycle) {
                upload(pending, cycle);
            }
            return;
        }
        for (PendingRotation pending : sealedThisCycle) {
            acknowledged(pending, response);
        }
    }

    /**
     * The upload failures after which sealed replacements simply stay sealed, as they are, until the next check-in:
     * a transient one (rethrown, which ends this cycle; the upload is sent again) and a certificate rotated out
     * between this cycle's check-in and the upload (the keys are fine, their envelopes are not: the next check-in
     * names the active certificate, and {@code resume} seals them again).
     *
     * @param what the replacements, as a sentence's subject
     * @return whether the failure was the certificate's; {@code false} for a refusal the caller must handle
     */
    private boolean waitsForNextCheckIn(AgentApiException e, String what) throws AgentApiException {
        if (e.transientFailure()) {
            log.warn(what + " could not be uploaded (" + e.getMessage() + "); the upload is sent again at the next "
                    + "check-in");
            throw e;
        }
        if (e.code().filter(ApiError.UNKNOWN_CERTIFICATE::equals).isPresent()) {
            log.warn(what + ": the server no longer holds the certificate used for sealing; sealed again to the "
                    + "server's active certificate at the next check-in");
            return true;
        }
        return false;
    }

    private static ProtectorKey replacement(PendingRotation pending) {
        return new ProtectorKey(pending.newProtectorId(), pending.envelope(), pending.replacedProtectorId());
    }

    /** Step 3 for one rotation: only an acknowledgement of the new key lets it go on to deleting the old one. */
    private void upload(PendingRotation pending, Cycle cycle) throws AgentApiException, IOException {
        KeyUploadRequest request = new KeyUploadRequest(List.of(new VolumeKeys(pending.volumeId(),
                pending.mountPoint(), pending.driveType(), List.of(replacement(pending)))));
        KeyUploadResponse response;
        try {
            response = client.uploadKeys(request, cycle.assertions().next());
        } catch (AgentApiException e) {
            if (waitsForNextCheckIn(e, "The replacement of protector " + pending.replacedProtectorId())) {
                return;
            }
            finishWithNew(pending, pending.newProtectorId(), RotationResult.STEP_UPLOAD, "The server refused the "
                    + "new key" + e.code().map(code -> " (" + code + ")").orElse("") + ": " + e.getMessage()
                    + " The old protector is not deleted.");
            return;
        }
        acknowledged(pending, response);
    }

    /** The server's answer for the rotation's new key: held, so the old one goes; or refused, so it stays. */
    private void acknowledged(PendingRotation pending, KeyUploadResponse response) throws IOException {
        Optional<ProtectorResult> answer = response.results() == null ? Optional.empty() : response.results().stream()
                .filter(r -> sameId(r.protectorId(), pending.newProtectorId())).findFirst();
        if (answer.isEmpty()) {
            log.warn("The server's answer does not mention protector " + pending.newProtectorId()
                    + "; it is sent again at the next check-in");
            return;
        }
        String outcome = answer.get().outcome();
        if (!ProtectorResult.STORED.equals(outcome) && !ProtectorResult.ALREADY_HELD.equals(outcome)) {
            finishWithNew(pending, pending.newProtectorId(), RotationResult.STEP_UPLOAD, "The server rejected the "
                    + "new key: " + answer.get().reason() + ". The old protector is not deleted.");
            return;
        }
        PendingRotation uploaded = pending.uploaded();
        save(rotations.with(uploaded));
        acknowledged.add(pending.newProtectorId());
        delete(uploaded, true);
    }

    /** Step 4: the old protector goes, and only a recovery-password protector (the port refuses any other type). */
    private void delete(PendingRotation pending, boolean oldPresent) throws IOException {
        if (oldPresent) {
            try {
                volumes.deleteRecoveryPasswordProtector(pending.volumeId(), pending.replacedProtectorId());
                deleted.computeIfAbsent(pending.volumeId(), v -> new HashSet<>()).add(pending.replacedProtectorId());
            } catch (KeyProtectorException e) {
                finishWithNew(pending, pending.newProtectorId(), RotationResult.STEP_DELETE, e.getMessage()
                        + " The server holds both keys; the old protector stays on the volume.");
                return;
            }
        }
        RotationResult result = new RotationResult(pending.replacedProtectorId(), pending.newProtectorId(),
                RotationResult.DONE, null, null, now());
        save(rotations.finished(pending.replacedProtectorId(), result));
        done++;
        log.info("Replaced recovery password protector " + pending.replacedProtectorId() + " with "
                + pending.newProtectorId());
    }

    private void finish(String replaced, String newId, String step, String reason) throws IOException {
        save(rotations.finished(replaced, new RotationResult(replaced, newId, RotationResult.FAILED, step, reason,
                now())));
        failed++;
        log.warn("Rotation of protector " + replaced + " failed at " + step + ": " + reason);
    }

    private void finishWithNew(PendingRotation pending, String newId, String step, String reason) throws IOException {
        finish(pending.replacedProtectorId(), newId, step, reason);
    }

    private void save(Rotations next) throws IOException {
        journal.save(next);
        rotations = next;
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Well-formed ids in canonical form, each once; the server sends canonical ids, but the agent does not rely on it. */
    private Set<String> canonical(List<String> requested) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : requested == null ? List.<String>of() : requested) {
            try {
                ids.add(ProtectorId.parse(id).value());
            } catch (IllegalArgumentException | NullPointerException e) {
                log.warn("The server asked to rotate a protector id that is not a GUID; ignored");
            }
        }
        return ids;
    }

    /** The volume's recovery-password protectors now: as read at the start of the cycle, with this cycle's changes. */
    private List<String> currentIds(BitLockerVolume volume) {
        List<String> ids = recoveryIds(volume);
        ids.removeAll(deleted.getOrDefault(volume.volumeId(), Set.of()));
        for (String id : added.getOrDefault(volume.volumeId(), Set.of())) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<String> recoveryIds(BitLockerVolume volume) {
        List<String> ids = new ArrayList<>();
        for (RecoveryPasswordProtector protector : volume.recoveryPasswords()) {
            try {
                ids.add(ProtectorId.parse(protector.protectorId()).value());
            } catch (IllegalArgumentException malformed) {
                // Not a protector the server can name.
            }
        }
        return ids;
    }

    private static boolean sameId(String a, String b) {
        try {
            return ProtectorId.parse(a).equals(ProtectorId.parse(b));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
