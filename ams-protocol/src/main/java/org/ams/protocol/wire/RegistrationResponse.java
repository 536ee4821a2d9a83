package org.ams.protocol.wire;

/** The server's answer to a registration: the device's id and whether it still awaits approval. */
public record RegistrationResponse(String deviceId, String state) {
}
