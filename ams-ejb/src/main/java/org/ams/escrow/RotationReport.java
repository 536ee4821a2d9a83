package org.ams.escrow;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.ams.protocol.ProtectorId;

/**
 * How one rotation ended, as the agent reported it at check-in, already checked.
 *
 * @param protectorId    the protector the server asked to replace
 * @param newProtectorId the protector that replaced it; {@code null} when none was added
 * @param done           {@code true} when the server holds the new key and the old protector is gone
 * @param failedStep     for a failure, where it stopped (one of {@code RotationResult.STEP_*}); {@code null} when done
 * @param reason         for a failure, the agent's sentence (never a password); {@code null} when done
 * @param completedAt    when the agent finished
 */
public record RotationReport(ProtectorId protectorId, ProtectorId newProtectorId, boolean done, String failedStep,
                             String reason, OffsetDateTime completedAt) {

    public RotationReport {
        Objects.requireNonNull(protectorId, "protectorId");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
