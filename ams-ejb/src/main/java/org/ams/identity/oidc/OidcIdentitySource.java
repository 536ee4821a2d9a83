package org.ams.identity.oidc;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ams.identity.IdentitySource;
import org.ams.identity.IdentitySourceUnavailableException;
import org.ams.identity.PrincipalRef;
import org.ams.identity.SourceAuthentication;

/**
 * The OpenID Connect provider as an identity source: its users sign in through the provider, never with a password
 * here, and AMS cannot ask it who exists or who belongs to what. What it offers the principal pickers are the groups
 * an administrator named (Settings / Authentication): a role, an authorization rule or an approval group granted to one
 * reaches every user whose token carries that group.
 */
public final class OidcIdentitySource implements IdentitySource {

    private final String label;
    private final List<OidcGroup> groups;

    OidcIdentitySource(String label, List<OidcGroup> groups) {
        this.label = label;
        this.groups = List.copyOf(groups);
    }

    /** The source while a provider is configured and switched on. */
    public static Optional<IdentitySource> of(EntityManager em) {
        OidcProvider provider = em.find(OidcProvider.class, OidcProvider.ID);
        if (provider == null || !provider.settings().enabled()) {
            return Optional.empty();
        }
        return Optional.of(new OidcIdentitySource(provider.settings().buttonLabel(),
                em.createNamedQuery(OidcGroup.ALL, OidcGroup.class).getResultList()));
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

    /** The named groups whose name or claim value contains the text. */
    @Override
    public List<PrincipalRef> search(String text, int limit) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return groups.stream()
                .filter(group -> group.getDisplayName().toLowerCase(Locale.ROOT).contains(wanted)
                        || group.getClaimValue().toLowerCase(Locale.ROOT).contains(wanted))
                .limit(limit)
                .map(group -> PrincipalRef.group(OidcClaims.SOURCE, group.getClaimValue(), group.getDisplayName()))
                .toList();
    }

    @Override
    public Set<PrincipalRef> groupsOf(PrincipalRef user) {
        throw new IdentitySourceUnavailableException("The groups of " + user.name() + " are known only from the "
                + "token " + label + " sends at sign-in; AMS cannot ask the provider for them.");
    }

    /** Nothing is known missing: the provider cannot be asked, and a group unnamed here may still be sent. */
    @Override
    public Set<PrincipalRef> missingAmong(Collection<PrincipalRef> principals) {
        return Set.of();
    }
}
