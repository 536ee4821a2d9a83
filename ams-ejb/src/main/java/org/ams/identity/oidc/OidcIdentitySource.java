package org.ams.identity.oidc;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ams.identity.IdentityException;
import org.ams.identity.IdentitySource;
import org.ams.identity.IdentitySourceUnavailableException;
import org.ams.identity.PrincipalRef;
import org.ams.identity.SourceAuthentication;
import org.ams.platform.LikePattern;

/**
 * The OpenID Connect provider as an identity source: its users sign in through the provider, never with a password
 * here, and AMS cannot ask it who exists or who belongs to what. What it offers the principal pickers are the groups
 * an administrator named (Settings / Authentication): a role, an authorization rule or an approval group granted to one
 * reaches every user whose token carries that group; and the users who signed in through it, with the groups their
 * last sign-in brought ({@link OidcUser}), for the effective-access tool.
 */
public final class OidcIdentitySource implements IdentitySource {

    private final String label;
    private final List<OidcGroup> groups;
    private final EntityManager em;

    OidcIdentitySource(String label, List<OidcGroup> groups, EntityManager em) {
        this.label = label;
        this.groups = List.copyOf(groups);
        this.em = em;
    }

    /** The source while a provider is configured and switched on. */
    public static Optional<IdentitySource> of(EntityManager em) {
        OidcProvider provider = em.find(OidcProvider.class, OidcProvider.ID);
        if (provider == null || !provider.settings().enabled()) {
            return Optional.empty();
        }
        return Optional.of(new OidcIdentitySource(provider.settings().buttonLabel(),
                em.createNamedQuery(OidcGroup.ALL, OidcGroup.class).getResultList(), em));
    }

    @Override
    public String key() {
        return OidcClaims.SOURCE;
    }

    @Override
    public String displayName() {
        return label + " (OpenID Connect)";
    }

    @Override
    public SourceAuthentication authenticate(String username, char[] password) {
        return SourceAuthentication.unknownUser();
    }

    /** The named groups whose name or claim value contains the text, then the users who signed in so named. */
    @Override
    public List<PrincipalRef> search(String text, int limit) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        List<PrincipalRef> found = new ArrayList<>(groups.stream()
                .filter(group -> group.getDisplayName().toLowerCase(Locale.ROOT).contains(wanted)
                        || group.getClaimValue().toLowerCase(Locale.ROOT).contains(wanted))
                .limit(limit)
                .map(group -> PrincipalRef.group(OidcClaims.SOURCE, group.getClaimValue(), group.getDisplayName()))
                .toList());
        if (found.size() < limit) {
            em.createNamedQuery(OidcUser.NAMED_LIKE, OidcUser.class)
                    .setParameter("pattern", LikePattern.containing(wanted))
                    .setMaxResults(limit - found.size()).getResultStream()
                    .forEach(user -> found.add(PrincipalRef.user(OidcClaims.SOURCE, user.getSubject(),
                            user.getUsername())));
        }
        return found;
    }

    @Override
    public Set<PrincipalRef> groupsOf(PrincipalRef user) {
        throw new IdentitySourceUnavailableException("The groups of " + user.name() + " are known only from the "
                + "token " + label + " sends at sign-in; AMS cannot ask the provider for them.");
    }

    /** The groups the user's token listed at their last sign-in, named as the administrator named them. */
    @Override
    public Optional<RememberedGroups> groupsAtLastSignIn(PrincipalRef user) {
        OidcUser known = user == null ? null : em.find(OidcUser.class, user.id());
        if (known == null) {
            throw new IdentityException((user == null ? "This user" : user.name()) + " has not signed in through "
                    + displayName() + " yet: AMS learns the groups of its users from the token at sign-in.");
        }
        Map<String, String> names = groups.stream()
                .collect(Collectors.toMap(OidcGroup::getClaimValue, OidcGroup::getDisplayName));
        return Optional.of(new RememberedGroups(known.getGroupIds().stream()
                .map(id -> PrincipalRef.group(OidcClaims.SOURCE, id, names.getOrDefault(id, id)))
                .collect(Collectors.toSet()), known.getLastSignIn()));
    }

    /** Nothing is known missing: the provider cannot be asked, and a group unnamed here may still be sent. */
    @Override
    public Set<PrincipalRef> missingAmong(Collection<PrincipalRef> principals) {
        return Set.of();
    }
}
