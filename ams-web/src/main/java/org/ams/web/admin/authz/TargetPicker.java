package org.ams.web.admin.authz;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.ams.devices.DevicePlacement.TargetKey;
import org.ams.devices.TargetKind;
import org.ams.devices.Targets;

/**
 * The values and labels of a target autocomplete: a target travels as {@code KIND:uuid}, and is shown by name. Kept
 * by a view-scoped backing bean; the {@link Targets} bean is handed in on each call, never stored.
 */
public final class TargetPicker implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SUGGESTIONS = 20;

    private final Map<String, String> labels = new ConcurrentHashMap<>();

    /**
     * Suggestions for the typed text as values; with {@code only}, just targets of that kind, labelled by name alone.
     */
    public List<String> complete(Targets targets, String text, TargetKind only) {
        return targets.suggest(text, only == null ? SUGGESTIONS : SUGGESTIONS * 5).stream()
                .filter(key -> only == null || key.kind() == only).limit(SUGGESTIONS)
                .map(key -> {
                    String value = value(key);
                    labels.put(value, only == null ? targets.describe(key) : targets.name(key).orElse("(deleted)"));
                    return value;
                }).collect(Collectors.toList());
    }

    public String label(Targets targets, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return labels.computeIfAbsent(value, key -> parse(key).map(targets::describe).orElse(key));
    }

    /** Forgets the labels, so targets deleted meanwhile are read again (and shown as deleted). */
    public void forget() {
        labels.clear();
    }

    static String value(TargetKey key) {
        return key.text();
    }

    static java.util.Optional<TargetKey> parse(String value) {
        return TargetKey.parse(value);
    }
}
