package org.ams.protocol.wire;

import java.util.List;

/** Every volume whose recovery passwords the agent escrows in one call. */
public record KeyUploadRequest(List<VolumeKeys> volumes) {
}
