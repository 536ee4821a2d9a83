package org.ams.identity.local;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.identity.IdentityException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.RoleGrant;
import org.ams.identity.SourceAuthentication;
import org.ams.platform.LikePattern;
import org.ams.security.RoleNames;

/**
 * Local accounts: creating them, checking their passwords, and what an administrator does with them (Administrator
 * only, but for sign-in and the first start's administrator account, which have no caller).
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class LocalAccountService {

    public static final String SOURCE = "local";
    private static final String AUDIT_TYPE = "LocalAccount";

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

    @EJB
    private AuditTrail audit;

    @Resource
    private SessionContext context;

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

    /**
     * The first start's administrator account ({@link AdministratorBootstrap}), named
     * {@value AdministratorBootstrap#ADMIN_USERNAME} and granted the Administrator role, unless an account of that
     * name exists. Any caller, since start-up has none: it can neither add another account nor change one.
     *
     * @return whether the account was created now
     */
    @PermitAll
    public boolean createFirstAdministrator(char[] password) {
        if (exists(AdministratorBootstrap.ADMIN_USERNAME)) {
            return false;
        }
        LocalAccount account = create(AdministratorBootstrap.ADMIN_USERNAME, "Administrator", password);
        em.persist(new RoleGrant(Role.ADMINISTRATOR, PrincipalKind.USER, SOURCE, account.getId().toString(),
                account.getUsername()));
        return true;
    }

    private LocalAccount create(String username, String displayName, char[] password) {
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

    /**
     * Checks a user name and password. An unknown user costs as much time as a wrong password, so timing does not tell
     * which accounts exist; a disabled account is refused like a wrong password. Any caller: sign-in has none yet.
     */
    @PermitAll
    public SourceAuthentication verify(String username, char[] password) {
        if (password == null || password.length == 0 || password.length > PasswordPolicy.MAX_LENGTH) {
            return findByUsername(username).isPresent() ? SourceAuthentication.rejected()
                    : SourceAuthentication.unknownUser();
        }
        Optional<LocalAccount> account = findByUsername(username);
        String hash = account.map(LocalAccount::getPasswordHash).orElse(decoyHash);
        boolean passwordMatches = passwordHash.verify(password, hash);
        if (account.isEmpty()) {
            return SourceAuthentication.unknownUser();
        }
        LocalAccount found = account.get();
        return passwordMatches && found.isEnabled()
                ? SourceAuthentication.authenticated(found.principal(), Set.of())
                : SourceAuthentication.rejected();
    }

    /** Local accounts whose user name or display name contains {@code text}, for the principal picker. */
    public List<PrincipalRef> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String pattern = LikePattern.containing(text.trim());
        return em.createNamedQuery(LocalAccount.NAMED_LIKE, LocalAccount.class)
                .setParameter("pattern", pattern)
                .setMaxResults(limit)
                .getResultStream()
                .map(LocalAccount::principal)
                .collect(Collectors.toList());
    }

    /** Which of these account ids still belong to a local account: for ACL entries and grants that name one. */
    public Set<UUID> existingAmong(java.util.Collection<UUID> ids) {
        return LocalIdentitySource.inChunks(ids, chunk -> em.createQuery(
                "SELECT a.id FROM LocalAccount a WHERE a.id IN :ids", UUID.class)
                .setParameter("ids", chunk).getResultList());
    }

    public List<LocalAccount> list() {
        return em.createNamedQuery(LocalAccount.ALL, LocalAccount.class).getResultList();
    }

    /** An administrator adds a local account (Settings / Authentication). */
    public LocalAccount add(String username, String displayName, char[] password) {
        String display = displayName == null || displayName.isBlank() ? null : displayName.trim();
        if (display != null && display.length() > 256) {
            throw new IdentityException("A display name has at most 256 characters.");
        }
        LocalAccount account = create(username, display, password);
        audit.record("local-account.created", AUDIT_TYPE, account.getId().toString(), account.getUsername(), null);
        return account;
    }

    public void resetPassword(UUID id, char[] newPassword) {
        LocalAccount account = get(id);
        PasswordPolicy.check(newPassword);
        account.changePasswordHash(passwordHash.generate(newPassword));
        audit.record("local-account.password-reset", AUDIT_TYPE, id.toString(), account.getUsername(), null);
    }

    /**
     * An administrator sets (or, with an empty value, removes) the address AMS writes to the account's user at, such
     * as when a request of theirs that needed approval is approved or rejected. One plain address, no display name.
     */
    public void changeEmail(UUID id, String email) {
        String address = email == null || email.isBlank() ? null : email.strip();
        if (address != null) {
            try {
                InternetAddress parsed = new InternetAddress(address, true);
                if (address.length() > LocalAccount.MAX_EMAIL_LENGTH || parsed.getPersonal() != null
                        || !parsed.getAddress().equals(address) || !address.contains("@")) {
                    throw new AddressException(address);
                }
            } catch (AddressException e) {
                throw new IdentityException("Type one email address such as jdoe@corp.example (at most "
                        + LocalAccount.MAX_EMAIL_LENGTH + " characters).");
            }
        }
        LocalAccount account = get(id);
        String before = account.getEmail().orElse("");
        account.changeEmail(address);
        audit.record("local-account.email-changed", AUDIT_TYPE, id.toString(), account.getUsername(),
                "email " + (before.isEmpty() ? "(none)" : before) + " -> " + (address == null ? "(none)" : address));
    }

    public void enable(UUID id, boolean enable) {
        LocalAccount account = get(id);
        if (!enable && account.getUsername().equalsIgnoreCase(callerName())) {
            throw new IdentityException("You cannot disable the account you are signed in with.");
        }
        account.enable(enable);
        audit.record(enable ? "local-account.enabled" : "local-account.disabled", AUDIT_TYPE, id.toString(),
                account.getUsername(), null);
    }

    private LocalAccount get(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(LocalAccount.class, key))
                .orElseThrow(() -> new IdentityException("That local account no longer exists; reload the page."));
    }

    private String callerName() {
        return context.getCallerPrincipal() == null ? "" : context.getCallerPrincipal().getName();
    }
}
