package org.ams.agent;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ams.agent.transport.AgentApiException;
import org.ams.agent.transport.AgentServer;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.protocol.wire.AgentPolicy;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.ProtectorResult;
import org.ams.protocol.wire.RotationResult;
import org.ams.protocol.wire.VolumeKeys;

/**
 * The server's side of escrow and rotation for many devices, in memory, as the protocol defines it: per device the
 * current keys it holds (each envelope must open to a valid recovery password), the rotations asked for until the
 * device reports on them, and keys no longer on the device retired at check-in. Faults let a test break one part.
 */
final class FleetServer {

    private final EncryptionCredential certificate;
    private final Map<String, Device> devices = new HashMap<>();
    /** Replacement uploads are rejected. */
    boolean rejectReplacements;
    /** How many replacement uploads still fail with 503 before the server takes them. */
    int unavailableReplacementUploads;
    /**
     * How many uploads of several replacements are still refused as a whole (409 ROTATION_NOT_REQUESTED), as the real
     * server refuses a request in which one replacement is no longer expected; uploads of one are taken.
     */
    int refusedReplacementBatches;

    FleetServer(EncryptionCredential certificate) {
        this.certificate = certificate;
    }

    private static final class Device {
        private final Set<String> current = new LinkedHashSet<>();
        private final Set<String> requested = new LinkedHashSet<>();
    }

    /** The server as one device reaches it. */
    synchronized AgentServer of(SimulatedDevice simulated) {
        Device device = devices.computeIfAbsent(simulated.id(), id -> new Device());
        return new AgentServer() {
            @Override
            public CheckInResponse checkIn(CheckInRequest request, String assertion) {
                return FleetServer.this.checkIn(device, request);
            }

            @Override
            public KeyUploadResponse uploadKeys(KeyUploadRequest request, String assertion) throws AgentApiException {
                return FleetServer.this.upload(device, request);
            }
        };
    }

    /** The incident: every current key of every device is to be replaced. */
    synchronized void rotateEverything() {
        devices.values().forEach(device -> device.requested.addAll(device.current));
    }

    private synchronized CheckInResponse checkIn(Device device, CheckInRequest request) {
        if (request.rotationResults() != null) {
            request.rotationResults().stream().map(RotationResult::protectorId).forEach(device.requested::remove);
        }
        if (request.protectorIds() != null) {
            device.current.retainAll(request.protectorIds());
        }
        try {
            return new CheckInResponse("APPROVED", new AgentPolicy(60, true, true, true),
                    Base64.getEncoder().encodeToString(certificate.certificate().getEncoded()),
                    List.copyOf(device.current), device.requested.stream().filter(device.current::contains).toList());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized KeyUploadResponse upload(Device device, KeyUploadRequest request) throws AgentApiException {
        boolean replacement = request.volumes().stream().flatMap(volume -> volume.protectors().stream())
                .anyMatch(key -> key.replacesProtectorId() != null);
        if (replacement && unavailableReplacementUploads > 0) {
            unavailableReplacementUploads--;
            throw new AgentApiException(503, "UNAVAILABLE", "The server is busy.");
        }
        long replacements = request.volumes().stream().flatMap(volume -> volume.protectors().stream())
                .filter(key -> key.replacesProtectorId() != null).count();
        if (replacements > 1 && refusedReplacementBatches > 0) {
            refusedReplacementBatches--;
            throw new AgentApiException(409, ProtectorKey.ROTATION_NOT_REQUESTED, "No rotation was requested for "
                    + "one of these protectors.");
        }
        List<ProtectorResult> results = new ArrayList<>();
        for (VolumeKeys volume : request.volumes()) {
            for (ProtectorKey key : volume.protectors()) {
                if (key.replacesProtectorId() != null && (rejectReplacements
                        || !device.requested.contains(key.replacesProtectorId()))) {
                    results.add(new ProtectorResult(key.protectorId(), ProtectorResult.REJECTED,
                            "no rotation of " + key.replacesProtectorId() + " was asked for"));
                    continue;
                }
                open(key);
                results.add(new ProtectorResult(key.protectorId(), device.current.add(key.protectorId())
                        ? ProtectorResult.STORED : ProtectorResult.ALREADY_HELD, null));
            }
        }
        return new KeyUploadResponse(results);
    }

    /** All or nothing, as the real server: an envelope that does not open refuses the upload. */
    private void open(ProtectorKey key) throws AgentApiException {
        try {
            new EnvelopeDecryptor().openRecoveryPassword(Base64.getDecoder().decode(key.envelope()),
                    certificate.privateKey(), certificate.certificate());
        } catch (EnvelopeException | IllegalArgumentException e) {
            throw new AgentApiException(422, "KEY_REJECTED", "The envelope of protector " + key.protectorId()
                    + " does not open.");
        }
    }
}
