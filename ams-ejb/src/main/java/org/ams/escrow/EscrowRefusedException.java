package org.ams.escrow;

import jakarta.ejb.ApplicationException;
import org.ams.protocol.ProtectorId;

/** An upload that is refused as a whole, naming the protector that caused it; nothing of the upload is stored. */
@ApplicationException(rollback = true)
public class EscrowRefusedException extends RuntimeException {

    private final transient ProtectorId protectorId;
    private final boolean unknownCertificate;

    public EscrowRefusedException(ProtectorId protectorId, String message) {
        this(protectorId, message, false);
    }

    /**
     * @param unknownCertificate whether the envelope is sealed to a certificate this server does not hold (any more):
     *                           the agent can seal the password again to the active certificate and send it again
     */
    public EscrowRefusedException(ProtectorId protectorId, String message, boolean unknownCertificate) {
        super("Protector " + protectorId.value() + ": " + message);
        this.protectorId = protectorId;
        this.unknownCertificate = unknownCertificate;
    }

    public ProtectorId protectorId() {
        return protectorId;
    }

    public boolean unknownCertificate() {
        return unknownCertificate;
    }
}
