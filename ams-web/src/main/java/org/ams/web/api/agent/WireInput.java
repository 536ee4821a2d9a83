package org.ams.web.api.agent;

import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.ams.agents.AgentApiException;
import org.ams.agents.AgentRefusal;
import org.ams.agents.CheckInReport;
import org.ams.devices.InvalidDeviceFactsException;
import org.ams.devices.ReportedFacts;
import org.ams.devices.UserName;
import org.ams.escrow.EscrowedVolume;
import org.ams.escrow.RotationReport;
import org.ams.escrow.RotationRequest;
import org.ams.protocol.MountPoint;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.VolumeId;
import org.ams.protocol.wire.AgentApi;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.DriveType;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.RotationResult;
import org.ams.protocol.wire.VolumeKeys;

/**
 * Turns the agent API's JSON documents into checked values, refusing with {@link AgentRefusal#MALFORMED_REQUEST} and
 * a message naming the field. Messages never quote the value of an envelope.
 */
final class WireInput {

    static final int MAX_VOLUMES = 64;
    static final int MAX_PROTECTORS_PER_VOLUME = 16;
    static final int MAX_INVENTORY = MAX_VOLUMES * MAX_PROTECTORS_PER_VOLUME;
    static final int MAX_ENVELOPE_BASE64 = 22_000;
    static final List<String> FAILED_STEPS = List.of(RotationResult.STEP_NOT_ON_DEVICE,
            RotationResult.STEP_NOT_ALLOWED, RotationResult.STEP_ADD, RotationResult.STEP_READ,
            RotationResult.STEP_UPLOAD, RotationResult.STEP_DELETE);

    /** Thread-safe, and costly to make: one for every request. */
    private static final Jsonb JSON = JsonbBuilder.create();

    private WireInput() {
    }

    /**
     * Reads a JSON request body. Called only once the device is authenticated (see {@code AgentCalls}): JAX-RS would
     * otherwise parse the body, and refuse a malformed one, before the assertion was looked at.
     */
    static <T> T body(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw malformed("The request has no body.");
        }
        T parsed;
        try {
            parsed = JSON.fromJson(new ByteArrayInputStream(json), type);
        } catch (JsonbException | JsonException e) {
            throw malformed("The request body is not the JSON this call expects.");
        }
        require(parsed, "body");
        return parsed;
    }

    static CheckInReport checkIn(byte[] json) {
        CheckInRequest request = body(json, CheckInRequest.class);
        return new CheckInReport(facts(request.device()),
                request.protectorIds() == null ? null : protectorIds(request.protectorIds()),
                request.rotationResults() == null ? List.of() : rotationResults(request.rotationResults()),
                request.signedInUsers() == null ? null : signedInUsers(request.signedInUsers()));
    }

    /** Account names as Windows writes them; an agent that sends more, or longer ones, is refused whole. */
    static List<String> signedInUsers(List<String> users) {
        if (users.size() > CheckInRequest.MAX_SIGNED_IN_USERS) {
            throw malformed("The check-in reports more than " + CheckInRequest.MAX_SIGNED_IN_USERS
                    + " signed-in users.");
        }
        List<String> names = new ArrayList<>();
        for (String user : users) {
            if (UserName.parse(user).isEmpty()) {
                throw malformed("Each of 'signedInUsers' is an account name such as CORP\\jdoe or jdoe@corp.example, "
                        + "at most " + CheckInRequest.MAX_USER_NAME + " characters.");
            }
            names.add(user.strip());
        }
        return names;
    }

    static List<RotationReport> rotationResults(List<RotationResult> results) {
        if (results.size() > MAX_INVENTORY) {
            throw malformed("The check-in reports more than " + MAX_INVENTORY + " rotation results.");
        }
        List<RotationReport> reports = new ArrayList<>();
        for (RotationResult result : results) {
            require(result, "rotation result");
            ProtectorId replaced = protectorId(result.protectorId(), "rotationResults.protectorId");
            ProtectorId replacement = result.newProtectorId() == null ? null
                    : protectorId(result.newProtectorId(), "rotationResults.newProtectorId");
            OffsetDateTime completedAt;
            try {
                completedAt = OffsetDateTime.parse(String.valueOf(result.completedAt()));
            } catch (DateTimeParseException e) {
                throw malformed("The field 'rotationResults.completedAt' must be an ISO-8601 time such as "
                        + "2026-12-03T10:15:30Z.");
            }
            if (RotationResult.DONE.equals(result.outcome())) {
                if (replacement == null) {
                    throw malformed("A rotation result DONE names its 'newProtectorId'.");
                }
                reports.add(new RotationReport(replaced, replacement, true, null, null, completedAt));
            } else if (RotationResult.FAILED.equals(result.outcome())) {
                if (!FAILED_STEPS.contains(result.failedStep())) {
                    throw malformed("The field 'rotationResults.failedStep' must be one of "
                            + String.join(", ", FAILED_STEPS) + ".");
                }
                String reason = result.reason() == null || result.reason().isBlank() ? "the agent gave no reason."
                        : result.reason().strip();
                if (reason.length() > RotationRequest.MAX_REASON) {
                    throw malformed("The field 'rotationResults.reason' has at most " + RotationRequest.MAX_REASON
                            + " characters.");
                }
                reports.add(new RotationReport(replaced, replacement, false, result.failedStep(), reason,
                        completedAt));
            } else {
                throw malformed("The field 'rotationResults.outcome' must be DONE or FAILED.");
            }
        }
        return reports;
    }

    static List<EscrowedVolume> volumes(byte[] json) {
        return volumes(body(json, KeyUploadRequest.class));
    }

    static void require(Object value, String field) {
        if (value == null) {
            throw malformed("The request has no " + field + ".");
        }
    }

    static String assertion(String authorization) {
        String prefix = AgentApi.AUTHORIZATION_SCHEME + " ";
        if (authorization == null) {
            return null;
        }
        if (!authorization.startsWith(prefix)) {
            throw new AgentApiException(AgentRefusal.MISSING_ASSERTION, "The Authorization header must be '"
                    + prefix + "<assertion>'.");
        }
        return authorization.substring(prefix.length()).strip();
    }

    static ReportedFacts facts(DeviceFacts device) {
        require(device, "device");
        try {
            return new ReportedFacts(device.hostname(), device.dnsName(), device.osName(), device.osVersion(),
                    device.agentVersion());
        } catch (InvalidDeviceFactsException e) {
            throw malformed(e.getMessage());
        }
    }

    static byte[] base64(String value, String field, int maxChars) {
        if (value == null || value.isBlank()) {
            throw malformed("The field '" + field + "' is missing.");
        }
        if (value.length() > maxChars) {
            throw malformed("The field '" + field + "' is longer than " + maxChars + " characters.");
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw malformed("The field '" + field + "' is not valid Base64.");
        }
    }

    static List<ProtectorId> protectorIds(List<String> ids) {
        if (ids.size() > MAX_INVENTORY) {
            throw malformed("The check-in lists more than " + MAX_INVENTORY + " protectors.");
        }
        List<ProtectorId> parsed = new ArrayList<>();
        for (String id : ids) {
            parsed.add(protectorId(id, "protectorIds"));
        }
        return parsed;
    }

    static List<EscrowedVolume> volumes(KeyUploadRequest request) {
        require(request.volumes(), "volumes");
        if (request.volumes().isEmpty() || request.volumes().size() > MAX_VOLUMES) {
            throw malformed("An upload carries 1 to " + MAX_VOLUMES + " volumes.");
        }
        List<EscrowedVolume> volumes = new ArrayList<>();
        for (VolumeKeys volume : request.volumes()) {
            require(volume, "volume");
            VolumeId volumeId = volumeId(volume.volumeId());
            MountPoint mountPoint = mountPoint(volume.mountPoint());
            DriveType driveType = driveType(volume.driveType());
            require(volume.protectors(), "protectors of volume " + volumeId);
            if (volume.protectors().isEmpty() || volume.protectors().size() > MAX_PROTECTORS_PER_VOLUME) {
                throw malformed("Volume " + volumeId + " carries 1 to " + MAX_PROTECTORS_PER_VOLUME + " protectors.");
            }
            List<EscrowedVolume.Protector> protectors = new ArrayList<>();
            for (ProtectorKey key : volume.protectors()) {
                require(key, "protector");
                ProtectorId id = protectorId(key.protectorId(), "protectorId");
                ProtectorId replaces = key.replacesProtectorId() == null ? null
                        : protectorId(key.replacesProtectorId(), "replacesProtectorId");
                protectors.add(new EscrowedVolume.Protector(id,
                        base64(key.envelope(), "envelope of protector " + id.value(), MAX_ENVELOPE_BASE64),
                        replaces));
            }
            volumes.add(new EscrowedVolume(volumeId, mountPoint, driveType, protectors));
        }
        return volumes;
    }

    static String encode(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProtectorId protectorId(String value, String field) {
        if (value == null || value.length() > 64) {
            throw malformed("The field '" + field + "' must be a protector GUID such as "
                    + "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}.");
        }
        try {
            return ProtectorId.parse(value);
        } catch (IllegalArgumentException e) {
            throw malformed("The field '" + field + "' must be a protector GUID such as "
                    + "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}.");
        }
    }

    private static DriveType driveType(String value) {
        try {
            return DriveType.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed("The field 'driveType' must be OS, FIXED or REMOVABLE.");
        }
    }

    /** The message explains the expected form and never quotes what was sent: it may be anything. */
    private static VolumeId volumeId(String value) {
        if (value == null || value.isBlank()) {
            throw malformed("The field 'volumeId' is missing.");
        }
        try {
            return VolumeId.parse(value);
        } catch (IllegalArgumentException e) {
            throw malformed("The field 'volumeId' is not valid: " + e.getMessage() + ".");
        }
    }

    /** A volume without a drive letter or folder has no mount point; anything sent must be one. */
    private static MountPoint mountPoint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return MountPoint.parse(value);
        } catch (IllegalArgumentException e) {
            throw malformed("The field 'mountPoint' is not valid: " + e.getMessage() + ".");
        }
    }

    private static AgentApiException malformed(String message) {
        return new AgentApiException(AgentRefusal.MALFORMED_REQUEST, message);
    }
}
