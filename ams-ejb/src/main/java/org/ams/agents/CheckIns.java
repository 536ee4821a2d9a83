package org.ams.agents;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.devices.Device;
import org.ams.devices.DeviceState;
import org.ams.devices.ReportedFacts;
import org.ams.escrow.Escrow;
import org.ams.policy.PolicyResolver;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.wire.AgentPolicy;

/**
 * A device's periodic check-in: it refreshes what the device reports about itself, retires escrowed keys whose
 * protectors disappeared from it, and tells it its policy, the certificate to encrypt to and what is already held.
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

    /**
     * @param presentProtectorIds every recovery-password protector on the device, or {@code null} when the agent
     *                            could not read its volumes (then nothing is superseded)
     */
    public CheckInAnswer checkIn(Device device, ReportedFacts facts, Collection<ProtectorId> presentProtectorIds) {
        device.report(facts);
        device.checkedIn();
        AgentPolicy policy = policies.resolve(device).settings();
        if (device.getState() != DeviceState.APPROVED) {
            return new CheckInAnswer(device.getState(), policy, Optional.empty(), Set.of());
        }
        if (presentProtectorIds != null) {
            escrow.supersedeMissing(device, presentProtectorIds);
        }
        return new CheckInAnswer(device.getState(), policy, certificates.activeCertificate(),
                escrow.currentProtectorIds(device));
    }
}
