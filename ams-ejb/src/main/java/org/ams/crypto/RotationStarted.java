package org.ams.crypto;

import java.util.UUID;

/**
 * Fired when a rotation is committed, so the background work starts only once its row exists for others to see.
 *
 * @param claimToken the claim the activation gave the rotation: this server's worker holds it from the start
 */
public record RotationStarted(UUID rotationId, String claimToken) {
}
