package org.ams.devices;

/**
 * Where a device stands. Only an APPROVED device may escrow keys; a DELETED device keeps its row (and, unless purged,
 * its escrowed keys) so that the keys still name their computer. An IMPORTED device is a computer whose recovery
 * passwords were imported from a directory and that runs no agent yet ("imported, no agent"): the agent's
 * registration from the same computer makes it PENDING or APPROVED, with its keys.
 */
public enum DeviceState {
    PENDING,
    APPROVED,
    REJECTED,
    DISABLED,
    DELETED,
    IMPORTED
}
