package org.ams.agents;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.function.Supplier;
import org.ams.devices.Device;
import org.ams.escrow.Escrow;
import org.ams.escrow.EscrowOutcome;
import org.ams.escrow.EscrowedVolume;
import org.ams.policy.PolicyResolver;
import org.ams.protocol.wire.AgentPolicy;

/**
 * The authenticated agent calls, each in one transaction from the assertion check to the last row written: a call
 * that fails leaves nothing behind, and the device it changes is the one just authenticated. The device is
 * authenticated before the request body is looked at: a request without a valid assertion is refused as such (401),
 * never for the shape of its body.
 */
@Stateless
// Any caller: the agent API has no signed-in user; each call first proves the device by its signed assertion.
@PermitAll
public class AgentCalls {

    @EJB
    private AgentSupport agentSupport;

    @EJB
    private DeviceAuthenticator authenticator;

    @EJB
    private CheckIns checkIns;

    @EJB
    private Escrow escrow;

    @EJB
    private PolicyResolver policies;

    /**
     * @param report read from the request body only once the device is authenticated, so that a caller without a
     *               valid assertion learns nothing about what the body should hold; it refuses a malformed body
     *               with {@link AgentRefusal#MALFORMED_REQUEST}
     */
    public CheckInAnswer checkIn(String assertion, String audience, Supplier<CheckInReport> report) {
        agentSupport.requireEnabled();
        Device device = authenticator.authenticate(assertion, audience, true);
        return checkIns.checkIn(device, report.get());
    }

    /** @param volumes read from the request body only once the device is authenticated, as for a check-in */
    public List<EscrowOutcome> uploadKeys(String assertion, String audience, Supplier<List<EscrowedVolume>> volumes) {
        agentSupport.requireEnabled();
        Device device = authenticator.authenticate(assertion, audience, false);
        List<EscrowedVolume> checked = volumes.get();
        refuseDriveTypesOutsidePolicy(device, checked);
        return escrow.upload(device, checked);
    }

    /**
     * The agent uploads only what its policy allows; a server that trusted that would store whatever a modified or
     * outdated agent sends. The whole upload is refused, before anything is stored.
     */
    private void refuseDriveTypesOutsidePolicy(Device device, List<EscrowedVolume> volumes) {
        AgentPolicy policy = policies.resolve(device).settings();
        for (EscrowedVolume volume : volumes) {
            if (!policy.allows(volume.driveType())) {
                throw new AgentApiException(AgentRefusal.DRIVE_TYPE_NOT_ALLOWED, "The agent policy of this device "
                        + "does not allow backing up " + volume.driveType().name().toLowerCase(java.util.Locale.ROOT)
                        + " drives (volume " + volume.volumeId() + "). Check in to receive the current policy; "
                        + "nothing of this upload was stored.");
            }
        }
    }
}
