package org.ams.protocol.wire;

import java.util.List;

/** The recovery-password protectors of one volume. {@code driveType} is a {@link DriveType} name. */
public record VolumeKeys(String volumeId, String mountPoint, String driveType, List<ProtectorKey> protectors) {
}
