package org.ams.agents;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.devices.Device;
import org.ams.devices.DeviceState;
import org.ams.escrow.DeviceConfirmation;
import org.ams.escrow.Escrow;
import org.ams.escrow.Rotations;
import org.ams.policy.CompiledPolicies;
import org.ams.policy.PolicyResolver;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.wire.AgentPolicy;

/**
 * A device's periodic check-in: it refreshes what the device reports about itself, retires escrowed keys whose
 * protectors disappeared from it, marks those still there as confirmed on the device, closes the rotations it
 * reports on, and tells it its policy, the certificate to encrypt to, what is already held and which protectors to
 * replace.
 */
@Stateless
// Any caller: AgentCalls calls it for the device it has just authenticated, with no signed-in user.
@PermitAll
public class CheckIns {

    @EJB
    private EncryptionCertificateService certificates;

    @EJB
    private Escrow escrow;

    @EJB
    private PolicyResolver policies;

    @EJB
    private Rotations rotations;

    /**
     * @param report what the device reports: its facts, every recovery-password protector on it ({@code null} when
     *               the agent could not read its volumes: then nothing is superseded), its rotations' results and
     *               who signed in on it (kept as the device's recorded users for self-service recovery)
     */
    public CheckInAnswer checkIn(Device device, CheckInReport report) {
        device.report(report.facts());
        device.checkedIn();
        if (report.signedInUsers() != null) {
            device.usersSignedIn(report.signedInUsers());
        }
        CompiledPolicies.Resolution resolution = policies.resolve(device);
        AgentPolicy policy = resolution.settings();
        if (device.getState() != DeviceState.APPROVED) {
            return new CheckInAnswer(device.getState(), policy, Optional.empty(), Set.of(), List.of());
        }
        // Results first: a rotation the agent finished closes as done before its old protector's absence is read.
        rotations.recordResults(device, report.rotationResults());
        if (report.presentProtectorIds() != null) {
            device.inventoried(report.presentProtectorIds().stream().map(ProtectorId::value).toList());
            escrow.supersedeMissing(device, report.presentProtectorIds());
            escrow.confirmOnDevice(device, report.presentProtectorIds(),
                    DeviceConfirmation.refreshAfter(policy.checkInIntervalMinutes()));
        }
        List<String> rotate = rotations.dueAtCheckIn(device, resolution.rotation());
        return new CheckInAnswer(device.getState(), policy, certificates.activeCertificate(),
                escrow.currentProtectorIds(device), rotate);
    }
}
