package org.ams.web.api.v1;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON shapes of {@code /api/v1}. A time is an ISO 8601 string with its offset, and is described so (the
 * server would otherwise describe the Java type as an object).
 */
public final class ApiDtos {

    private ApiDtos() {
    }

    @Schema(description = "A computer the caller may see")
    public record Computer(String id, String name, String dnsName, String directory,
                           @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime lastCheckInAt) {
    }

    @Schema(description = "One page of computers")
    public record ComputerPage(List<Computer> items, int offset, int limit, int total) {
    }

    @Schema(description = "A key protector of a computer's volume, without its recovery password")
    public record KeyMetadata(String volumeId, String mountPoint, String driveType, String keyId, String protectorId,
                              String state, boolean escrowed,
                              @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime escrowedAt,
                              boolean confirmed,
                              @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime confirmedAt,
                              boolean disclosed,
                              @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime lastShownAt) {
    }

    @Schema(description = "A computer's state, last check-in and the metadata of its escrowed keys; the request is "
            + "audited as record auditSequence")
    public record ComputerDetail(String id, String name, String dnsName, String state,
                                 @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime lastCheckInAt,
                                 List<KeyMetadata> keys, long auditSequence) {
    }

    @Schema(description = "Why the recovery passwords are needed; required when AMS is set to require a reason")
    public record PasswordRequest(String reason) {
    }

    @Schema(description = "A recovery password and the protector it belongs to")
    public record RecoveryPasswordKey(String volumeId, String mountPoint, String driveType, String keyId,
                                      String protectorId, String state,
                                      @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime escrowedAt,
                                      String recoveryPassword) {
    }

    @Schema(description = "The granted request's recovery passwords (current and earlier keys); audited as record "
            + "auditSequence")
    public record RecoveryPasswords(String result, String computerId, String computerName, long auditSequence,
                                    List<RecoveryPasswordKey> keys) {
    }

    @Schema(description = "An audit record with every field its recordHash covers: SHA-256 over the canonical "
            + "encoding (org.ams.audit.AuditDigest, version ams-audit-v1) of the fields, previousHash included. "
            + "occurredAt is the canonical UTC time with microseconds that the hash covers")
    public record AuditRecord(long sequence, String id, String occurredAt, String actor, String action,
                              String targetType, String targetId, String targetName, String details,
                              String clientAddress, String reason, String resultCode, String permission,
                              String ruleId, String ruleDescription, String notificationChannels,
                              String previousHash, String recordHash) {
    }

    @Schema(description = "One page of audit records: newest first from offset, or in chain order after a sequence "
            + "number (after); nextAfter is the next page's after, absent when the chain ends here; total counts "
            + "every record the filter matches. Fields without a value are left out, in records too")
    public record AuditRecordPage(List<AuditRecord> items, Integer offset, Long after, int limit, long total,
                                  Long nextAfter) {
    }

    @Schema(description = "Keys escrowed on one day (UTC)")
    public record EscrowedOnDay(@Schema(type = SchemaType.STRING, format = "date") java.time.LocalDate day,
                                long keys) {
    }

    @Schema(description = "A key rotation waiting for its device")
    public record WaitingRotationFigure(String deviceId, String deviceName, String protectorId, String cause,
                                        String state,
                                        @Schema(type = SchemaType.STRING, format = "date-time")
                                        OffsetDateTime requestedAt) {
    }

    @Schema(description = "A failed key rotation of a key still current")
    public record FailedRotationFigure(String deviceId, String deviceName, String protectorId, String step,
                                       String reason,
                                       @Schema(type = SchemaType.STRING, format = "date-time")
                                       OffsetDateTime failedAt) {
    }

    @Schema(description = "Rotations waiting and failed (totals, and the oldest waiting and latest failed, at most "
            + "10 each), and whether every escrowed key still opens (lastVerifiedAt absent before the first check)")
    public record EscrowHealthFigures(long waitingRotations, List<WaitingRotationFigure> oldestWaiting,
                                      long failedRotations, List<FailedRotationFigure> latestFailures,
                                      long unreadableSecrets,
                                      @Schema(type = SchemaType.STRING, format = "date-time")
                                      OffsetDateTime lastVerifiedAt,
                                      long lastVerifiedKeys) {
    }

    @Schema(description = "The Dashboard's figures as read at takenAt. Coverage and staleness count approved devices")
    public record DashboardFigures(@Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime takenAt,
                                   java.util.Map<String, Long> devicesByState,
                                   long approvedWithKeys, long approvedWithoutKeys, int staleDays, long stale,
                                   long neverCheckedIn, List<EscrowedOnDay> escrowedPerDay,
                                   EscrowHealthFigures escrowHealth) {
    }

    // No annotation on groups: the server describes an annotated List<String> as a list of lists.
    @Schema(description = "A registered device as the Devices page lists it; groups are the static groups it was put "
            + "in (All devices is implicit)")
    public record ManagedDevice(String id, String name, String dnsName,
                                @Schema(enumeration = {"PENDING", "APPROVED", "REJECTED", "DISABLED", "DELETED",
                                    "IMPORTED"})
                                String state,
                                String tenant, String directory,
                                List<String> groups,
                                String osName, String osVersion, String agentVersion,
                                @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime registeredAt,
                                @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime lastCheckInAt) {
    }

    @Schema(description = "What importing a CSV file of recovery passwords does (preview) or did: its counts and its "
            + "bad rows; never a recovery password")
    public record KeyFileImport(String fileName, String tenant,
                                @Schema(description = "rows of the file, the header not counted") int rows,
                                @Schema(description = "keys AMS does not hold yet") int newKeys,
                                @Schema(description = "keys AMS holds with the same password, and rows repeating an "
                                        + "earlier row") int unchanged,
                                @Schema(description = "computers that become devices without an agent")
                                int computersToCreate,
                                List<KeyFileBadRow> badRows,
                                @Schema(description = "whether the keys were stored: false for a preview and for an "
                                        + "import refused because of bad rows") boolean stored) {
    }

    @Schema(description = "A row of the file that cannot be imported: its line (the header is line 1) and why")
    public record KeyFileBadRow(int line, String reason) {
    }

    @Schema(description = "One page of devices, by name")
    public record ManagedDevicePage(List<ManagedDevice> items, int offset, int limit, long total) {
    }

    @Schema(description = "A user or group of an identity source")
    public record Principal(String name,
                            @Schema(description = "the identity source: local, or ldap:<id>") String source,
                            @Schema(description = "its stable id in that source") String id) {
    }

    @Schema(description = "An ACL entry of a rule that names the user or one of their groups")
    public record EntryMatch(@Schema(enumeration = {"ALLOW", "DENY"}) String access, Principal matchedThrough,
                             boolean viaGroup,
                             @Schema(description = "whether it covers the permission asked about; one that does "
                                     + "not takes no part") boolean coversPermission) {
    }

    @Schema(description = "A rule the decision considered: its target, how it relates to the computer, whether it was "
            + "active, and its entries naming the user")
    public record RuleConsidered(String ruleId, String description,
                                 @Schema(enumeration = {"TENANT", "DIRECTORY", "DEVICE_GROUP", "COMPUTER"})
                                 String targetKind, String targetId,
                                 @Schema(description = "e.g. Device group Default / Finance") String target,
                                 @Schema(enumeration = {"THE_COMPUTER_ITSELF", "STATIC_GROUP_OF_THE_COMPUTER",
                                         "ALL_DEVICES_GROUP_OF_ITS_TENANT", "DIRECTORY_OF_THE_COMPUTER",
                                         "TENANT_OF_THE_COMPUTER", "DOES_NOT_CONTAIN_THE_COMPUTER"})
                                 String targetMatch,
                                 @Schema(enumeration = {"ACTIVE", "DISABLED", "EXPIRED", "TARGET_DELETED"})
                                 String status,
                                 @Schema(description = "active and about this computer") boolean applied,
                                 @Schema(description = "the rule the result names") boolean deciding,
                                 List<EntryMatch> entries) {
    }

    @Schema(description = "The decision a request by the user for the computer would get now, and the rules that "
            + "produced it, as the Effective access page shows them (rules naming the user but about other computers "
            + "included)")
    public record EffectiveAccess(String computerId, Principal user, List<Principal> groups,
                                  @Schema(enumeration = {"READ_BITLOCKER_RECOVERY_PASSWORD",
                                          "READ_BITLOCKER_KEY_METADATA"}) String permission,
                                  @Schema(description = "Success, NoMatchingRuleForTarget, NoMatchingRuleForUser or "
                                          + "ExplicitlyDenied") String result,
                                  boolean granted, String verdict, String decidingRuleId,
                                  List<RuleConsidered> rules,
                                  @Schema(description = "For a user of the OpenID Connect provider, which AMS cannot "
                                          + "ask for groups: when the sign-in whose token listed these groups was; "
                                          + "absent when the groups are the identity source's answer now")
                                  String groupsAsOf) {
    }
}
