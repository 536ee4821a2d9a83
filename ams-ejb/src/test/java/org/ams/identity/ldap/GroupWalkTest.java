package org.ams.identity.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupWalkTest {

    /** member -> the groups that list it directly. */
    private static GroupWalk<String> walk(Map<String, List<String>> parents, AtomicInteger questions) {
        return new GroupWalk<>(group -> group, member -> {
            questions.incrementAndGet();
            return parents.getOrDefault(member, List.of());
        });
    }

    @Test
    void findsGroupsThreeLevelsUp() {
        Map<String, List<String>> parents = Map.of(
                "helen", List.of("night-shift"),
                "night-shift", List.of("tier-2"),
                "tier-2", List.of("helpdesk"));

        assertEquals(List.of("night-shift", "tier-2", "helpdesk"),
                new ArrayList<>(walk(parents, new AtomicInteger()).from("helen")));
    }

    @Test
    @DisplayName("A cycle (A in B in A) ends the walk: each group is asked about once")
    void cyclesAreWalkedOnce() {
        Map<String, List<String>> parents = Map.of(
                "helen", List.of("a"),
                "a", List.of("b"),
                "b", List.of("a", "helen-group"),
                "helen-group", List.of("a"));
        AtomicInteger questions = new AtomicInteger();

        assertEquals(Set.of("a", "b", "helen-group"), Set.copyOf(walk(parents, questions).from("helen")));
        assertEquals(4, questions.get(), "helen, a, b and helen-group were each asked about once");
    }

    @Test
    void aGroupContainingTheUserBackIsNotReportedAsTheUser() {
        Map<String, List<String>> parents = Map.of("helen", List.of("g"), "g", List.of("helen"));

        assertEquals(List.of("g"), new ArrayList<>(walk(parents, new AtomicInteger()).from("helen")));
    }

    @Test
    void aChainDeeperThanTheLimitIsCutOff() {
        AtomicInteger questions = new AtomicInteger();
        GroupWalk<String> endless = new GroupWalk<>(group -> group, member -> {
            questions.incrementAndGet();
            return List.of(member + "+");
        });

        assertEquals(GroupWalk.MAX_DEPTH, endless.from("u").size());
        assertEquals(GroupWalk.MAX_DEPTH, questions.get());
    }
}
