package org.ams.crypto;

import java.util.UUID;

/**
 * Fired when a rotation's last batch finds nothing left to re-encrypt, in that batch's transaction; observed after the
 * commit, so that whoever checks the secrets afterwards (the escrow verification) reads the new envelopes.
 */
public record RotationFinished(UUID rotationId) {
}
