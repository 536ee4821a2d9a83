package org.ams.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of some principals still exist, found by asking each identity source once for all of its principals. A source
 * that cannot be asked makes its principals {@link PrincipalStatus#NOT_CHECKED}, never missing: a directory outage
 * must not look like a directory that deleted everyone. Its problem is kept, in words, for the page to show.
 */
public final class PrincipalCheck {

    private record Key(PrincipalKind kind, String source, String id) {

        static Key of(PrincipalRef principal) {
            return new Key(principal.kind(), principal.source(), principal.id());
        }
    }

    private final Map<Key, PrincipalStatus> statuses;
    private final Map<String, String> sourceNames;
    private final List<String> problems;

    private PrincipalCheck(Map<Key, PrincipalStatus> statuses, Map<String, String> sourceNames,
                           List<String> problems) {
        this.statuses = statuses;
        this.sourceNames = sourceNames;
        this.problems = List.copyOf(problems);
    }

    /**
     * @param sources  the identity sources that can be asked (local accounts and every enabled directory)
     * @param disabled the keys and names of directories configured but switched off: their principals are not checked
     */
    public static PrincipalCheck of(Collection<PrincipalRef> principals, List<IdentitySource> sources,
                                    Map<String, String> disabled) {
        Map<Key, PrincipalStatus> statuses = new HashMap<>();
        Map<String, String> names = new HashMap<>(disabled);
        List<String> problems = new ArrayList<>();
        Map<String, List<PrincipalRef>> bySource = principals.stream().distinct()
                .collect(Collectors.groupingBy(PrincipalRef::source, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<PrincipalRef>> group : bySource.entrySet()) {
            IdentitySource source = sources.stream().filter(s -> s.key().equals(group.getKey())).findFirst()
                    .orElse(null);
            PrincipalStatus all = null;
            Set<Key> missing = Set.of();
            if (source != null) {
                names.put(source.key(), source.displayName());
                try {
                    missing = source.missingAmong(group.getValue()).stream().map(Key::of).collect(Collectors.toSet());
                } catch (IdentitySourceUnavailableException e) {
                    all = PrincipalStatus.NOT_CHECKED;
                    problems.add("Whether the users and groups of '" + source.displayName() + "' still exist could "
                            + "not be checked: " + e.getMessage());
                }
            } else if (disabled.containsKey(group.getKey())) {
                all = PrincipalStatus.NOT_CHECKED;
                problems.add("The directory '" + disabled.get(group.getKey()) + "' is disabled, so whether its users "
                        + "and groups still exist could not be checked.");
            } else {
                // Neither a source nor a disabled directory: most likely the directory was removed from AMS. Its
                // principals are not called missing: re-adding the directory brings them back, and nothing here can
                // tell that apart from a source key AMS does not know.
                all = PrincipalStatus.NOT_CHECKED;
                problems.add("No identity source '" + group.getKey() + "' is configured (was its directory removed?), "
                        + "so whether its users and groups still exist could not be checked.");
            }
            for (PrincipalRef principal : group.getValue()) {
                Key key = Key.of(principal);
                statuses.put(key, all != null ? all
                        : missing.contains(key) ? PrincipalStatus.NO_LONGER_EXISTS : PrincipalStatus.EXISTS);
            }
        }
        return new PrincipalCheck(statuses, names, problems);
    }

    /** {@link PrincipalStatus#NOT_CHECKED} for a principal that was not part of the check. */
    public PrincipalStatus statusOf(PrincipalRef principal) {
        return statuses.getOrDefault(Key.of(principal), PrincipalStatus.NOT_CHECKED);
    }

    /** The identity source's name as administrators know it, or its key when it is gone. */
    public String sourceName(String sourceKey) {
        return sourceNames.getOrDefault(sourceKey, sourceKey);
    }

    /** One sentence per identity source that could not be asked. */
    public List<String> problems() {
        return problems;
    }
}
