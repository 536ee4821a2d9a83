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
 */
public record CheckInReport(ReportedFacts facts, Collection<ProtectorId> presentProtectorIds,
                            List<RotationReport> rotationResults) {

    public CheckInReport {
        rotationResults = rotationResults == null ? List.of() : List.copyOf(rotationResults);
    }
}
