package org.ams.audit;

import java.util.List;
import java.util.Objects;

/**
 * What a caller asks the audit trail to record. The actor, time, sequence number and hashes are added by
 * {@link AuditTrail#record(AuditEntry)}.
 * <p>
 * Only {@code action} and {@code targetType} are required; the others are for the records that need them, access
 * requests above all (who asked from which address, for which permission, with which reason, what the decision was
 * and which rule made it, which notification channels fired).
 * <p>
 * <strong>Never put a recovery password or any other secret in an entry</strong>, not even in {@code details} or
 * {@code reason}: audit records are read by auditors, exported to files and kept forever.
 *
 * @param action               a stable verb such as {@code certificate.generated} or {@code access.requested}
 * @param targetType           the kind of object, e.g. {@code EncryptionCertificate} or {@code Device}
 * @param targetId             its id
 * @param targetName           how a person recognises it (subject, computer name, ...)
 * @param details              free text for a person
 * @param clientAddress        the address the request came from
 * @param reason               the reason the user gave
 * @param resultCode           the decision, e.g. {@code Success} or {@code ExplicitlyDenied}
 * @param permission           the permission asked for, e.g. {@code ReadRecoveryPassword}
 * @param ruleId               the authorization rule that decided
 * @param ruleDescription      that rule's description, as it read at the time
 * @param notificationChannels the notification channels that fired, by name
 */
public record AuditEntry(String action, String targetType, String targetId, String targetName, String details,
                         String clientAddress, String reason, String resultCode, String permission, String ruleId,
                         String ruleDescription, List<String> notificationChannels) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        notificationChannels = notificationChannels == null ? List.of() : List.copyOf(notificationChannels);
    }

    public static Builder builder(String action, String targetType) {
        return new Builder(action, targetType);
    }

    /** Builds an entry; every setter is optional. */
    public static final class Builder {
        private final String action;
        private final String targetType;
        private String targetId;
        private String targetName;
        private String details;
        private String clientAddress;
        private String reason;
        private String resultCode;
        private String permission;
        private String ruleId;
        private String ruleDescription;
        private List<String> notificationChannels = List.of();

        private Builder(String action, String targetType) {
            this.action = action;
            this.targetType = targetType;
        }

        public Builder target(String id, String name) {
            this.targetId = id;
            this.targetName = name;
            return this;
        }

        public Builder details(String details) {
            this.details = details;
            return this;
        }

        public Builder clientAddress(String clientAddress) {
            this.clientAddress = clientAddress;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder resultCode(String resultCode) {
            this.resultCode = resultCode;
            return this;
        }

        public Builder permission(String permission) {
            this.permission = permission;
            return this;
        }

        public Builder rule(String id, String description) {
            this.ruleId = id;
            this.ruleDescription = description;
            return this;
        }

        public Builder notificationChannels(List<String> channels) {
            this.notificationChannels = channels;
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(action, targetType, targetId, targetName, details, clientAddress, reason,
                    resultCode, permission, ruleId, ruleDescription, notificationChannels);
        }
    }
}
