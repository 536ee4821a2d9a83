package org.ams.escrow;

import jakarta.ejb.ApplicationException;
import org.ams.protocol.ProtectorId;

/** An upload that is refused as a whole, naming the protector that caused it; nothing of the upload is stored. */
@ApplicationException(rollback = true)
public class EscrowRefusedException extends RuntimeException {

    private final transient ProtectorId protectorId;

    public EscrowRefusedException(ProtectorId protectorId, String message) {
        super("Protector " + protectorId.value() + ": " + message);
        this.protectorId = protectorId;
    }

    public ProtectorId protectorId() {
        return protectorId;
    }
}
