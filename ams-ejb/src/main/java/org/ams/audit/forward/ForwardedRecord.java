package org.ams.audit.forward;

import java.time.OffsetDateTime;
import org.ams.audit.AuditEvent;

/**
 * The fields of one audit record that a syslog message carries, read out of the entity so that formatting and
 * sending happen with no persistence context (and can be tested without one).
 */
public record ForwardedRecord(long sequence, String recordHash, OffsetDateTime occurredAt, String actor,
                              String action, String targetType, String targetId, String targetName, String details,
                              String clientAddress, String reason, String resultCode, String permission,
                              String ruleId, String ruleDescription, String notificationChannels) {

    /** The result code of a granted access request; any other result is a denial. */
    static final String SUCCESS = "Success";

    public static ForwardedRecord of(AuditEvent event) {
        return new ForwardedRecord(event.getSequence(), event.getRecordHash(), event.getOccurredAt(),
                event.getActor(), event.getAction(), event.getTargetType(), event.getTargetId(),
                event.getTargetName(), event.getDetails(), event.getClientAddress(), event.getReason(),
                event.getResultCode(), event.getPermission(), event.getRuleId(), event.getRuleDescription(),
                event.getNotificationChannels());
    }

    /** Whether this records a refusal: an access request (or other decision) whose result is not Success. */
    public boolean denied() {
        return resultCode != null && !resultCode.equals(SUCCESS);
    }
}
