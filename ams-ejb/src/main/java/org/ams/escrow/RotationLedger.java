package org.ams.escrow;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import org.ams.audit.AuditTrail;
import org.ams.devices.Device;

/** How a rotation closes, with its audit record, for the check-in's two ways of learning it (result, inventory). */
final class RotationLedger {

    private RotationLedger() {
    }

    /** The rotation is over: the old key is history, replaced by the new protector. */
    static void completed(EntityManager em, AuditTrail audit, Device device, RotationRequest request,
                          String newProtectorId, OffsetDateTime at) {
        RecoveryKey old = request.getKey();
        request.done(newProtectorId, at);
        if (old.getState() == KeyState.CURRENT) {
            old.replacedBy(request.getNewProtectorId());
        }
        em.flush();
        audit.record(Rotations.COMPLETED, "Device", device.getId().toString(), device.getName(), "Recovery password "
                + "of " + Escrow.describe(old) + " replaced by protector " + request.getNewProtectorId()
                + "; the old one is kept as history.");
    }

    /** A rotation whose key left the device before the agent replaced it: nothing is left to replace. */
    static void cancelled(EntityManager em, AuditTrail audit, Device device, RotationRequest request) {
        request.cancelled();
        em.flush();
        audit.record(Rotations.CANCELLED, "Device", device.getId().toString(), device.getName(), "Rotation of the "
                + "recovery password of " + Escrow.describe(request.getKey()) + " cancelled: its protector is no "
                + "longer on the device, so nothing is left to replace.");
    }
}
