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
}
