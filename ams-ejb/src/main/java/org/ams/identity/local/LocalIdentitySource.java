package org.ams.identity.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ams.identity.IdentityException;
import org.ams.identity.IdentitySource;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.SourceAuthentication;

/**
 * AMS's own local accounts and local groups as an identity source. Always asked first, and cannot be switched off.
 */
public final class LocalIdentitySource implements IdentitySource {

    static final String KEY = LocalAccountService.SOURCE;
    private static final int IDS_PER_QUERY = 500;

    private final LocalAccountService accounts;
    private final LocalGroupService groups;

    public LocalIdentitySource(LocalAccountService accounts, LocalGroupService groups) {
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
    public Set<PrincipalRef> missingAmong(Collection<PrincipalRef> principals) {
        Map<Boolean, List<PrincipalRef>> byKind = principals.stream()
                .collect(Collectors.partitioningBy(principal -> principal.kind() == PrincipalKind.GROUP));
        Set<UUID> existingAccounts = accounts.existingAmong(idsOf(byKind.get(false)));
        Set<UUID> existingGroups = groups.existingAmong(idsOf(byKind.get(true)));
        Set<PrincipalRef> missing = new HashSet<>();
        for (PrincipalRef principal : principals) {
            Set<UUID> existing = principal.kind() == PrincipalKind.GROUP ? existingGroups : existingAccounts;
            if (!existing.contains(uuidOf(principal))) {
                missing.add(principal);
            }
        }
        return missing;
    }

    /** Runs an IN query a bounded number of ids at a time, well below every database's limit on IN lists. */
    static Set<UUID> inChunks(Collection<UUID> ids, Function<List<UUID>, List<UUID>> query) {
        List<UUID> all = List.copyOf(new HashSet<>(ids));
        Set<UUID> found = new HashSet<>();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            found.addAll(query.apply(all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY))));
        }
        return found;
    }

    private static List<UUID> idsOf(List<PrincipalRef> principals) {
        return principals.stream().map(LocalIdentitySource::uuidOf).filter(Objects::nonNull).toList();
    }

    /** {@code null} for an id that is not a UUID: no local account or group ever had it. */
    private static UUID uuidOf(PrincipalRef principal) {
        try {
            return UUID.fromString(principal.id());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public List<PrincipalRef> search(String text, int limit) {
        List<PrincipalRef> found = new ArrayList<>(accounts.search(text, limit));
        found.addAll(groups.search(text, limit));
        return found;
    }
}
