package org.ams.protocol.wire;

import java.util.List;

/** The per-protector outcome of an upload. */
public record KeyUploadResponse(List<ProtectorResult> results) {
}
