package org.ams.identity.ldap;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds every group a member belongs to through nested groups by asking, level by level, "which groups list this one
 * as a member?". Directories do contain cycles (A in B in A) and very deep chains; each group is asked about once, and
 * the walk stops at {@value #MAX_DEPTH} levels, so neither can make a sign-in loop or run for ever.
 *
 * @param <G> a group as the directory returned it
 */
final class GroupWalk<G> {

    static final int MAX_DEPTH = 32;

    private final Function<G, String> key;
    private final Function<String, Collection<G>> parentsOf;

    /**
     * @param key       a group's identity in the walk (its DN)
     * @param parentsOf the groups that list the given DN directly as a member
     */
    GroupWalk(Function<G, String> key, Function<String, Collection<G>> parentsOf) {
        this.key = key;
        this.parentsOf = parentsOf;
    }

    /** Every group {@code memberKey} belongs to, directly or not, each once. */
    Collection<G> from(String memberKey) {
        Map<String, G> found = new LinkedHashMap<>();
        Set<String> asked = new HashSet<>();
        Deque<String> level = new ArrayDeque<>();
        level.add(memberKey);
        asked.add(memberKey);
        for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
            Deque<String> next = new ArrayDeque<>();
            for (String member : level) {
                for (G group : parentsOf.apply(member)) {
                    String groupKey = key.apply(group);
                    found.putIfAbsent(groupKey, group);
                    if (asked.add(groupKey)) {
                        next.add(groupKey);
                    }
                }
            }
            level = next;
        }
        found.remove(memberKey);
        return found.values();
    }
}
