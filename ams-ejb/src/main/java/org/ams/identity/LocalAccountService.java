package org.ams.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Local accounts: creating them, checking their passwords, and the roles they hold. */
@Stateless
public class LocalAccountService {

    public static final String SOURCE = "local";

    /**
     * PBKDF2-HMAC-SHA256 at 600,000 iterations (OWASP's 2023 figure for this algorithm) with a 32-byte salt.
     * The parameters are stored inside each hash, so raising them later does not break existing accounts.
     */
    private static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "600000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Pbkdf2PasswordHash passwordHash;

    /** Compared against when the user name is unknown, so that a miss costs as much time as a wrong password. */
    private String decoyHash;

    @PostConstruct
    void initialise() {
        passwordHash.initialize(HASH_PARAMETERS);
        decoyHash = passwordHash.generate("decoy-password-for-timing".toCharArray());
    }

    public Optional<LocalAccount> findByUsername(String username) {
        if (username == null || username.isBlank() || username.length() > LocalAccount.MAX_USERNAME_LENGTH) {
            return Optional.empty();
        }
        return em.createNamedQuery(LocalAccount.BY_USERNAME_KEY, LocalAccount.class)
                .setParameter("usernameKey", LocalAccount.keyOf(username))
                .getResultStream()
                .findFirst();
    }

    public boolean exists(String username) {
        return findByUsername(username).isPresent();
    }

    public LocalAccount create(String username, String displayName, char[] password) {
        String trimmed = username == null ? "" : username.trim();
        if (trimmed.isEmpty() || trimmed.length() > LocalAccount.MAX_USERNAME_LENGTH
                || !trimmed.matches("[\\p{L}\\p{N}._@-]+")) {
            throw new IdentityException("A user name needs 1 to " + LocalAccount.MAX_USERNAME_LENGTH
                    + " letters, digits or . _ @ -");
        }
        if (exists(trimmed)) {
            throw new IdentityException("A local account named '" + trimmed + "' already exists.");
        }
        PasswordPolicy.check(password);
        LocalAccount account = new LocalAccount(trimmed, displayName, passwordHash.generate(password));
        em.persist(account);
        return account;
    }

    public void grant(LocalAccount account, Role role) {
        em.persist(new RoleGrant(role, PrincipalKind.USER, SOURCE, account.getId().toString(),
                account.getUsername()));
    }

    /**
     * Checks a user name and password. Unknown user, disabled account and wrong password all give the same empty
     * answer in about the same time, so a caller cannot probe which accounts exist.
     */
    public Optional<AuthenticatedUser> authenticate(String username, char[] password) {
        if (password == null || password.length == 0 || password.length > PasswordPolicy.MAX_LENGTH) {
            return Optional.empty();
        }
        Optional<LocalAccount> account = findByUsername(username);
        String hash = account.map(LocalAccount::getPasswordHash).orElse(decoyHash);
        boolean passwordMatches = passwordHash.verify(password, hash);
        return account.filter(found -> passwordMatches && found.isEnabled())
                .map(found -> new AuthenticatedUser(found.getUsername(), found.getDisplayName(), rolesOf(found)));
    }

    public Set<Role> rolesOf(LocalAccount account) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        em.createNamedQuery(RoleGrant.FOR_PRINCIPAL, RoleGrant.class)
                .setParameter("kind", PrincipalKind.USER)
                .setParameter("source", SOURCE)
                .setParameter("principalId", account.getId().toString())
                .getResultStream()
                .forEach(grant -> roles.add(grant.getRole()));
        return roles;
    }
}
