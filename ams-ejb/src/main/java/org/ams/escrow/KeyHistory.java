package org.ams.escrow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What happened to each key of one computer: its newest rotation, the last time it was shown and how often, keyed by
 * the key's id. Read once per computer ({@link Rotations#historyOf}); keys without either are simply absent.
 */
public final class KeyHistory {

    private final Map<UUID, RotationRequest> latestRotation = new HashMap<>();
    private final Map<UUID, KeyDisclosure> lastShown = new HashMap<>();
    private final Map<UUID, Long> timesShown;

    /**
     * @param rotations   the computer's rotations, newest first
     * @param disclosures every showing of its keys, newest first
     */
    KeyHistory(List<RotationRequest> rotations, List<KeyDisclosure> disclosures) {
        rotations.forEach(request -> latestRotation.putIfAbsent(request.getKey().getId(), request));
        disclosures.forEach(disclosure -> lastShown.putIfAbsent(disclosure.getKey().getId(), disclosure));
        timesShown = disclosures.stream()
                .collect(Collectors.groupingBy(disclosure -> disclosure.getKey().getId(), Collectors.counting()));
    }

    /** The key's newest rotation, or {@code null} when none was asked for. */
    public RotationRequest latestRotation(UUID keyId) {
        return latestRotation.get(keyId);
    }

    /** The key's last showing, or {@code null} when it was never shown. */
    public KeyDisclosure lastShown(UUID keyId) {
        return lastShown.get(keyId);
    }

    public long timesShown(UUID keyId) {
        return timesShown.getOrDefault(keyId, 0L);
    }
}
