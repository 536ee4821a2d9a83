package org.ams.agents;

import java.util.Collection;
import org.ams.devices.ReportedFacts;
import org.ams.protocol.ProtectorId;

/**
 * What a device reports at check-in, already checked.
 *
 * @param facts               what the device says about itself
 * @param presentProtectorIds every recovery-password protector on the device, or {@code null} when the agent could
 *                            not read its volumes (then nothing is superseded)
 */
public record CheckInReport(ReportedFacts facts, Collection<ProtectorId> presentProtectorIds) {
}
