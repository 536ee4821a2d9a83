package org.ams.agents;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Collection;
import java.util.List;
import org.ams.devices.Device;
import org.ams.devices.ReportedFacts;
import org.ams.escrow.Escrow;
import org.ams.escrow.EscrowOutcome;
import org.ams.escrow.EscrowedVolume;
import org.ams.protocol.ProtectorId;

/**
 * The authenticated agent calls, each in one transaction from the assertion check to the last row written: a call
 * that fails leaves nothing behind, and the device it changes is the one just authenticated.
 */
@Stateless
public class AgentCalls {

    @EJB
    private AgentSupport agentSupport;

    @EJB
    private DeviceAuthenticator authenticator;

    @EJB
    private CheckIns checkIns;

    @EJB
    private Escrow escrow;

    public CheckInAnswer checkIn(String assertion, String audience, ReportedFacts facts,
                                 Collection<ProtectorId> presentProtectorIds) {
        agentSupport.requireEnabled();
        Device device = authenticator.authenticate(assertion, audience, true);
        return checkIns.checkIn(device, facts, presentProtectorIds);
    }

    public List<EscrowOutcome> uploadKeys(String assertion, String audience, List<EscrowedVolume> volumes) {
        agentSupport.requireEnabled();
        Device device = authenticator.authenticate(assertion, audience, false);
        return escrow.upload(device, volumes);
    }
}
