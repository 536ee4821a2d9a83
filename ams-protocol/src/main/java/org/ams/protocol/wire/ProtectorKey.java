package org.ams.protocol.wire;

/**
 * One recovery-password protector: its id and the recovery password sealed to the active certificate (CMS, Base64).
 * <p>
 * {@code replacesProtectorId} is set only when this key is the replacement a rotation made for a protector the server
 * listed in {@link CheckInResponse#rotateProtectorIds()}: the server then keeps the replaced key as history
 * ("replaced at T by protector P") and may refuse a replacement it did not ask for with the error code
 * {@value #ROTATION_NOT_REQUESTED} (HTTP 409, nothing of the upload stored). {@code null} (or absent) for every key
 * the agent escrows because the server does not hold it yet. A rotation's upload carries exactly one volume with
 * exactly this one key. The server acknowledges it like any other key ({@link ProtectorResult#STORED}, or
 * {@link ProtectorResult#ALREADY_HELD} when the agent sends it again after a lost answer); only then does the agent
 * delete the replaced protector. The server built today ignores this field and stores the key as an ordinary one.
 */
public record ProtectorKey(String protectorId, String envelope, String replacesProtectorId) {

    /** The refusal code for a replacement of a protector the server did not ask to rotate. */
    public static final String ROTATION_NOT_REQUESTED = "ROTATION_NOT_REQUESTED";

    /** A key escrowed because the server does not hold it yet, not as a rotation's replacement. */
    public static ProtectorKey escrow(String protectorId, String envelope) {
        return new ProtectorKey(protectorId, envelope, null);
    }
}
