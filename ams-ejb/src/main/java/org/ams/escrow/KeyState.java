package org.ams.escrow;

/** CURRENT while the protector is on the device as escrowed; SUPERSEDED once it disappeared or changed. */
public enum KeyState {
    CURRENT,
    SUPERSEDED
}
