package org.ams.protocol.wire;

/** One recovery-password protector: its id and the recovery password sealed to the active certificate (CMS, Base64). */
public record ProtectorKey(String protectorId, String envelope) {
}
