package org.ams.agents;

import java.util.Collection;
import java.util.List;
import org.ams.devices.ReportedFacts;
import org.ams.escrow.RotationReport;
import org.ams.protocol.ProtectorId;

/**
 * What a device reports at check-in, already checked.
 *
 * @param facts               what the device says about itself
 * @param presentProtectorIds every recovery-password protector on the device, or {@code null} when the agent could
 *                            not read its volumes (then nothing is superseded)
 * @param rotationResults     how each rotation the agent finished since its last answered check-in ended
 * @param signedInUsers       the accounts that signed in interactively on the device, most recent first, or
 *                            {@code null} when the agent did not report them (then the device keeps those it had)
 */
public record CheckInReport(ReportedFacts facts, Collection<ProtectorId> presentProtectorIds,
                            List<RotationReport> rotationResults, List<String> signedInUsers) {

    public CheckInReport {
        rotationResults = rotationResults == null ? List.of() : List.copyOf(rotationResults);
        signedInUsers = signedInUsers == null ? null : List.copyOf(signedInUsers);
    }

    /** A report without users, as agents that predate them check in. */
    public CheckInReport(ReportedFacts facts, Collection<ProtectorId> presentProtectorIds,
                         List<RotationReport> rotationResults) {
        this(facts, presentProtectorIds, rotationResults, null);
    }
}
