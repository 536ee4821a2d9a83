package org.ams.devices;

/**
 * Where a device stands. Only an APPROVED device may escrow keys; a DELETED device keeps its row (and, unless purged,
 * its escrowed keys) so that the keys still name their computer.
 */
public enum DeviceState {
    PENDING,
    APPROVED,
    REJECTED,
    DISABLED,
    DELETED
}
