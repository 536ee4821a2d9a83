package org.ams.crypto;

import java.util.UUID;

/** Fired when a rotation is committed, so the background work starts only once its row exists for others to see. */
public record RotationStarted(UUID rotationId) {
}
