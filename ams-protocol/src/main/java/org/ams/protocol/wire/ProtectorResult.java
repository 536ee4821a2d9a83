package org.ams.protocol.wire;

/** What became of one uploaded protector: STORED, ALREADY_HELD or REJECTED (with the reason). */
public record ProtectorResult(String protectorId, String outcome, String reason) {

    public static final String STORED = "STORED";
    public static final String ALREADY_HELD = "ALREADY_HELD";
    public static final String REJECTED = "REJECTED";
}
