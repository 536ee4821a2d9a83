package org.ams.identity.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ams.identity.PrincipalRef;
import org.ams.identity.SourceAuthentication;
import org.junit.jupiter.api.Test;

class LocalIdentitySourceTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final PrincipalRef AUDRA = PrincipalRef.user(LocalAccountService.SOURCE, ACCOUNT.toString(), "audra");
    private static final PrincipalRef AUDITORS = PrincipalRef.group(LocalAccountService.SOURCE,
            UUID.randomUUID().toString(), "Auditors");

    private final List<UUID> groupsAskedFor = new ArrayList<>();

    @Test
    void anAuthenticatedAccountComesWithItsLocalGroups() {
        LocalIdentitySource source = new LocalIdentitySource(accountsAnswering(
                SourceAuthentication.authenticated(AUDRA, Set.of())), groupsOfAudra());

        SourceAuthentication answer = source.authenticate("audra", "Audra-Password-2024".toCharArray());

        assertEquals(SourceAuthentication.Outcome.AUTHENTICATED, answer.outcome());
        assertEquals(AUDRA, answer.user());
        assertEquals(Set.of(AUDITORS), answer.groups());
        assertEquals(List.of(ACCOUNT), groupsAskedFor);
    }

    @Test
    void aRefusedSignInNamesNoGroups() {
        LocalIdentitySource source = new LocalIdentitySource(accountsAnswering(SourceAuthentication.rejected()),
                groupsOfAudra());

        SourceAuthentication answer = source.authenticate("audra", "wrong".toCharArray());

        assertEquals(SourceAuthentication.Outcome.REJECTED, answer.outcome());
        assertEquals(Set.of(), answer.groups());
        assertTrue(groupsAskedFor.isEmpty(), "membership is not looked up for a wrong password");
    }

    @Test
    void thePickerFindsLocalAccountsAndLocalGroups() {
        LocalIdentitySource source = new LocalIdentitySource(new LocalAccountService() {
            @Override
            public List<PrincipalRef> search(String text, int limit) {
                return List.of(AUDRA);
            }
        }, groupsOfAudra());

        assertEquals(List.of(AUDRA, AUDITORS), source.search("aud", 25));
    }

    private static LocalAccountService accountsAnswering(SourceAuthentication answer) {
        return new LocalAccountService() {
            @Override
            public SourceAuthentication verify(String username, char[] password) {
                return answer;
            }
        };
    }

    private LocalGroupService groupsOfAudra() {
        return new LocalGroupService() {
            @Override
            public List<PrincipalRef> groupsOf(UUID accountId) {
                groupsAskedFor.add(accountId);
                return accountId.equals(ACCOUNT) ? List.of(AUDITORS) : List.of();
            }

            @Override
            public List<PrincipalRef> search(String text, int limit) {
                return List.of(AUDITORS);
            }
        };
    }
}
