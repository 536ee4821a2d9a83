package org.ams.agent.escrow;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ams.agent.transport.AgentApiException;
import org.ams.agent.transport.AgentServer;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.wire.AgentPolicy;
import org.ams.protocol.wire.ApiError;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.ProtectorResult;
import org.ams.protocol.wire.RotationResult;
import org.ams.protocol.wire.VolumeKeys;

/**
 * The server side of rotation as the protocol defines it, in memory: it asks to rotate the protectors in
 * {@link #requested} until it has a result for them, opens every envelope with the certificates it still holds, keeps
 * what it opened per protector id, and ignores repeated results. Hooks let a test stop the agent (throw) at the moment
 * the server has or has not handled a call.
 */
final class RotatingServer implements AgentServer {

    /** A moment in a call at which a test may stop the agent. */
    @FunctionalInterface
    interface Hook {
        void at(String moment) throws AgentApiException;
    }

    final Map<String, String> held = new LinkedHashMap<>();
    final Set<String> requested = new LinkedHashSet<>();
    final Map<String, RotationResult> results = new HashMap<>();
    final List<RotationResult> reports = new ArrayList<>();
    final List<ProtectorKey> replacements = new ArrayList<>();
    /** The signedInUsers of each check-in, in order ({@code null} where the agent reported none). */
    final List<List<String>> signedInUsers = new ArrayList<>();
    final List<String> events;
    private final List<EncryptionCredential> certificates = new ArrayList<>();
    private EncryptionCredential active;
    Hook hook = moment -> { };
    AgentApiException refuseUploads;
    String rejectUploads;
    String lastEnvelope;

    RotatingServer(EncryptionCredential active, List<String> events) {
        this.active = active;
        this.certificates.add(active);
        this.events = events;
    }

    /** Makes another certificate active; {@code keepOld} false is a certificate deleted from the server. */
    void activate(EncryptionCredential next, boolean keepOld) {
        if (!keepOld) {
            certificates.clear();
        }
        certificates.add(next);
        active = next;
    }

    void hold(String protectorId, String password) {
        held.put(protectorId, password);
    }

    @Override
    public CheckInResponse checkIn(CheckInRequest request, String assertion) throws AgentApiException {
        events.add("server:check-in");
        signedInUsers.add(request.signedInUsers());
        hook.at("before check-in");
        if (request.rotationResults() != null) {
            for (RotationResult result : request.rotationResults()) {
                reports.add(result);
                results.putIfAbsent(result.protectorId(), result);
            }
        }
        List<String> rotate = requested.stream().filter(id -> !results.containsKey(id)).toList();
        CheckInResponse response;
        try {
            response = new CheckInResponse("APPROVED", new AgentPolicy(60, true, true, true),
                    Base64.getEncoder().encodeToString(active.certificate().getEncoded()), List.copyOf(held.keySet()),
                    rotate);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        hook.at("after check-in handled");
        return response;
    }

    @Override
    public KeyUploadResponse uploadKeys(KeyUploadRequest request, String assertion) throws AgentApiException {
        events.add("server:upload");
        hook.at("before upload handled");
        if (refuseUploads != null) {
            throw refuseUploads;
        }
        List<ProtectorResult> answers = new ArrayList<>();
        for (VolumeKeys volume : request.volumes()) {
            for (ProtectorKey key : volume.protectors()) {
                if (key.replacesProtectorId() != null) {
                    replacements.add(key);
                }
                lastEnvelope = key.envelope();
                if (rejectUploads != null) {
                    answers.add(new ProtectorResult(key.protectorId(), ProtectorResult.REJECTED, rejectUploads));
                    continue;
                }
                String password = open(key.envelope());
                if (password == null) {
                    // All or nothing, as the real server: nothing of this upload is stored.
                    throw new AgentApiException(422, ApiError.UNKNOWN_CERTIFICATE, "The envelope of protector "
                            + key.protectorId() + " does not open with a certificate of this server.");
                }
                String before = held.put(key.protectorId(), password);
                answers.add(new ProtectorResult(key.protectorId(), password.equals(before)
                        ? ProtectorResult.ALREADY_HELD : ProtectorResult.STORED, null));
            }
        }
        hook.at("after upload stored");
        return new KeyUploadResponse(answers);
    }

    private String open(String envelope) {
        for (EncryptionCredential credential : certificates) {
            try {
                RecoveryPassword password = new EnvelopeDecryptor().openRecoveryPassword(
                        Base64.getDecoder().decode(envelope), credential.privateKey(), credential.certificate());
                return password.formatted();
            } catch (Exception notThisOne) {
                // Try the next certificate the server holds.
            }
        }
        return null;
    }
}
