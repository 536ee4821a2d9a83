package org.ams.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * AMS's own local accounts and local groups as an identity source. Always asked first, and cannot be switched off.
 */
final class LocalIdentitySource implements IdentitySource {

    static final String KEY = LocalAccountService.SOURCE;

    private final LocalAccountService accounts;
    private final LocalGroupService groups;

    LocalIdentitySource(LocalAccountService accounts, LocalGroupService groups) {
        this.accounts = accounts;
        this.groups = groups;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Local accounts";
    }

    /** The account's local groups come with it, so that roles granted to a group reach its members. */
    @Override
    public SourceAuthentication authenticate(String username, char[] password) {
        SourceAuthentication answer = accounts.verify(username, password);
        if (answer.outcome() != SourceAuthentication.Outcome.AUTHENTICATED) {
            return answer;
        }
        List<PrincipalRef> memberOf = groups.groupsOf(UUID.fromString(answer.user().id()));
        return SourceAuthentication.authenticated(answer.user(), new HashSet<>(memberOf));
    }

    @Override
    public java.util.Set<PrincipalRef> groupsOf(PrincipalRef user) {
        UUID id;
        try {
            id = UUID.fromString(user.id());
        } catch (IllegalArgumentException e) {
            throw new IdentityException("There is no local account " + user.name() + ".");
        }
        return new HashSet<>(groups.groupsOf(id));
    }

    @Override
    public List<PrincipalRef> search(String text, int limit) {
        List<PrincipalRef> found = new ArrayList<>(accounts.search(text, limit));
        found.addAll(groups.search(text, limit));
        return found;
    }
}
