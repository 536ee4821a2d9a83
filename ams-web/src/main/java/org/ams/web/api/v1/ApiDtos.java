package org.ams.web.api.v1;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of {@code /api/v1}. */
public final class ApiDtos {

    private ApiDtos() {
    }

    @Schema(description = "A computer the caller may see")
    public record Computer(String id, String name, String dnsName, String directory, OffsetDateTime lastCheckInAt) {
    }

    @Schema(description = "One page of computers")
    public record ComputerPage(List<Computer> items, int offset, int limit, int total) {
    }

    @Schema(description = "A key protector of a computer's volume, without its recovery password")
    public record KeyMetadata(String volumeId, String mountPoint, String driveType, String keyId, String protectorId,
                              String state, boolean escrowed, OffsetDateTime escrowedAt, boolean confirmed,
                              OffsetDateTime confirmedAt, boolean disclosed, OffsetDateTime lastShownAt) {
    }

    @Schema(description = "A computer's state, last check-in and the metadata of its escrowed keys; the request is "
            + "audited as record auditSequence")
    public record ComputerDetail(String id, String name, String dnsName, String state, OffsetDateTime lastCheckInAt,
                                 List<KeyMetadata> keys, long auditSequence) {
    }

    @Schema(description = "Why the recovery passwords are needed; required when AMS is set to require a reason")
    public record PasswordRequest(String reason) {
    }

    @Schema(description = "A recovery password and the protector it belongs to")
    public record RecoveryPasswordKey(String volumeId, String mountPoint, String driveType, String keyId,
                                      String protectorId, String state, OffsetDateTime escrowedAt,
                                      String recoveryPassword) {
    }

    @Schema(description = "The granted request's recovery passwords (current and earlier keys); audited as record "
            + "auditSequence")
    public record RecoveryPasswords(String result, String computerId, String computerName, long auditSequence,
                                    List<RecoveryPasswordKey> keys) {
    }

    @Schema(description = "A registered device as the Devices page lists it")
    public record ManagedDevice(String id, String name, String dnsName,
                                @Schema(enumeration = {"PENDING", "APPROVED", "REJECTED", "DISABLED", "DELETED"})
                                String state,
                                String tenant, String directory,
                                @Schema(description = "the static groups it was put in; All devices is implicit")
                                List<String> groups,
                                String osName, String osVersion, String agentVersion, OffsetDateTime registeredAt,
                                OffsetDateTime lastCheckInAt) {
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
                                  List<RuleConsidered> rules) {
    }
}
