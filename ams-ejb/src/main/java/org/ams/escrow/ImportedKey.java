package org.ams.escrow;

/**
 * What keeping one recovery password read from a directory did: the key now held for it, and whether it was stored
 * (false: the device's current key of that protector already held the same password).
 */
public record ImportedKey(RecoveryKey key, boolean stored) {
}
