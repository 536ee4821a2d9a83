package org.ams.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrincipalCheckTest {

    private static final String CORP = "ldap:corp";
    private static final PrincipalRef ALICE = PrincipalRef.user("local", "a1", "alice");
    private static final PrincipalRef BOB = PrincipalRef.user("local", "b2", "bob");
    private static final PrincipalRef HELPDESK = PrincipalRef.group(CORP, "g1", "Helpdesk");

    private final List<Collection<PrincipalRef>> asked = new ArrayList<>();

    @Test
    @DisplayName("A principal its source no longer has is missing; the others exist; each source is asked once")
    void missingPrincipalsAreFound() {
        PrincipalCheck check = PrincipalCheck.of(List.of(ALICE, BOB, ALICE, HELPDESK),
                List.of(source("local", "Local accounts", Set.of(BOB)), source(CORP, "Corp AD", Set.of())), Map.of());

        assertEquals(PrincipalStatus.EXISTS, check.statusOf(ALICE));
        assertEquals(PrincipalStatus.NO_LONGER_EXISTS, check.statusOf(PrincipalRef.user("local", "b2", "renamed")),
                "matched by id, not by name");
        assertEquals(PrincipalStatus.EXISTS, check.statusOf(HELPDESK));
        assertEquals("Local accounts", check.sourceName("local"));
        assertEquals(2, asked.size(), "one question per source: " + asked);
        assertEquals(List.of(), check.problems());
    }

    @Test
    @DisplayName("A directory that cannot be asked leaves its principals unchecked, never missing, and says why")
    void anUnreachableDirectoryIsNotTakenForDeletions() {
        IdentitySource down = new FakeSource(CORP, "Corp AD", null) {
            @Override
            public Set<PrincipalRef> missingAmong(Collection<PrincipalRef> principals) {
                throw new IdentitySourceUnavailableException("Cannot connect to the directory at dc1:636.");
            }
        };

        PrincipalCheck check = PrincipalCheck.of(List.of(HELPDESK, ALICE),
                List.of(source("local", "Local accounts", Set.of()), down), Map.of());

        assertEquals(PrincipalStatus.NOT_CHECKED, check.statusOf(HELPDESK));
        assertEquals(PrincipalStatus.EXISTS, check.statusOf(ALICE));
        assertEquals(1, check.problems().size());
        assertTrue(check.problems().get(0).contains("'Corp AD'") && check.problems().get(0).contains("dc1:636"),
                check.problems().get(0));
    }

    @Test
    @DisplayName("The principals of a disabled or removed directory are unchecked, with the reason")
    void disabledAndRemovedDirectories() {
        PrincipalRef removed = PrincipalRef.group("ldap:gone", "g9", "Old team");

        PrincipalCheck check = PrincipalCheck.of(List.of(HELPDESK, removed),
                List.of(source("local", "Local accounts", Set.of())), Map.of(CORP, "Corp AD"));

        assertEquals(PrincipalStatus.NOT_CHECKED, check.statusOf(HELPDESK));
        assertEquals(PrincipalStatus.NOT_CHECKED, check.statusOf(removed));
        assertEquals("Corp AD", check.sourceName(CORP));
        assertEquals(List.of("The directory 'Corp AD' is disabled, so whether its users and groups still exist could "
                + "not be checked.", "No identity source 'ldap:gone' is configured (was its directory removed?), so "
                + "whether its users and groups still exist could not be checked."), check.problems());
        assertEquals(List.of(), asked, "no source was asked about principals it does not hold");
    }

    private IdentitySource source(String key, String name, Set<PrincipalRef> missing) {
        return new FakeSource(key, name, missing);
    }

    private class FakeSource implements IdentitySource {

        private final String key;
        private final String name;
        private final Set<PrincipalRef> missing;

        FakeSource(String key, String name, Set<PrincipalRef> missing) {
            this.key = key;
            this.name = name;
            this.missing = missing;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public SourceAuthentication authenticate(String username, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PrincipalRef> search(String text, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<PrincipalRef> groupsOf(PrincipalRef user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<PrincipalRef> missingAmong(Collection<PrincipalRef> principals) {
            asked.add(List.copyOf(principals));
            return missing;
        }
    }
}
