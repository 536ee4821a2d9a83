package org.ams.agent.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ams.protocol.wire.RotationResult;

/**
 * The agent's rotations between runs: those under way, and the finished ones whose results the server has not yet
 * received at a check-in.
 */
public record Rotations(List<PendingRotation> pending, List<RotationResult> unreported) {

    public static final Rotations NONE = new Rotations(List.of(), List.of());

    public Rotations {
        pending = pending == null ? List.of() : List.copyOf(pending);
        unreported = unreported == null ? List.of() : List.copyOf(unreported);
    }

    public Optional<PendingRotation> pendingFor(String replacedProtectorId) {
        return pending.stream().filter(p -> p.replacedProtectorId().equals(replacedProtectorId)).findFirst();
    }

    /** Replaces (or adds) the rotation of the same replaced protector. */
    public Rotations with(PendingRotation rotation) {
        List<PendingRotation> next = new ArrayList<>(without(rotation.replacedProtectorId()).pending);
        next.add(rotation);
        return new Rotations(next, unreported);
    }

    /** The rotation ends: it leaves the pending list and its result waits for the next check-in, in one write. */
    public Rotations finished(String replacedProtectorId, RotationResult result) {
        List<RotationResult> results = new ArrayList<>(unreported);
        results.add(result);
        return new Rotations(without(replacedProtectorId).pending, results);
    }

    /** The server answered a check-in that carried these results. */
    public Rotations reported(List<RotationResult> sent) {
        List<RotationResult> remaining = new ArrayList<>(unreported);
        remaining.removeAll(sent);
        return new Rotations(pending, remaining);
    }

    private Rotations without(String replacedProtectorId) {
        return new Rotations(pending.stream().filter(p -> !p.replacedProtectorId().equals(replacedProtectorId))
                .toList(), unreported);
    }
}
