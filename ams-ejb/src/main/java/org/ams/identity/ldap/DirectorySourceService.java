package org.ams.identity.ldap;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditTrail;
import org.ams.identity.IdentityException;
import org.ams.identity.IdentitySource;
import org.ams.identity.IdentitySourceUnavailableException;
import org.ams.identity.PrincipalCheck;
import org.ams.identity.PrincipalRef;
import org.ams.identity.RoleGrant;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroupService;
import org.ams.identity.local.LocalIdentitySource;
import org.ams.identity.local.PasswordPolicy;
import org.ams.identity.oidc.OidcIdentitySource;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.platform.SealedColumn;
import org.ams.security.RoleNames;

/**
 * The directories people sign in with: configuring them (Settings / Authentication) and handing the sign-in the
 * identity sources in the order they are tried. Local accounts always come first: the built-in administrator must be
 * able to sign in when every directory is down, without waiting for their time-outs.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class DirectorySourceService {

    static final String BIND_PASSWORD_PURPOSE = SealedColumn.DIRECTORY_BIND_PASSWORD.purpose();
    private static final String AUDIT_TYPE = "DirectorySource";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private LocalAccountService localAccounts;

    @EJB
    private LocalGroupService localGroups;

    @EJB
    private AuditTrail audit;

    /**
     * Every identity source that sign-in asks, in order: local accounts, then each enabled directory, then the OpenID
     * Connect provider while one is on.
     */
    @PermitAll
    public List<IdentitySource> identitySources() {
        List<IdentitySource> sources = new ArrayList<>();
        sources.add(new LocalIdentitySource(localAccounts, localGroups));
        for (DirectorySource directory : inOrder()) {
            if (directory.isEnabled()) {
                sources.add(adapterFor(directory));
            }
        }
        // Last: it knows no passwords, and offers the pickers the groups its tokens carry.
        OidcIdentitySource.of(em).ifPresent(sources::add);
        return sources;
    }

    /**
     * Whether these users and groups still exist, each source asked once for all of its own: what ACL entries and
     * grants are shown and saved with. A directory that is down or disabled leaves its principals unchecked.
     */
    public PrincipalCheck check(java.util.Collection<PrincipalRef> principals) {
        Map<String, String> disabled = new HashMap<>();
        inOrder().stream().filter(directory -> !directory.isEnabled())
                .forEach(directory -> disabled.put(directory.sourceKey(), directory.getName()));
        return PrincipalCheck.of(principals, identitySources(), disabled);
    }

    public List<DirectorySource> list() {
        return inOrder();
    }

    public Optional<DirectorySource> find(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(DirectorySource.class, key));
    }

    public DirectorySource get(UUID id) {
        return find(id).orElseThrow(() -> new IdentityException("That directory no longer exists; reload the page."));
    }

    /** Adds a directory at the end of the order, enabled. */
    public DirectorySource add(String name, LdapSettings settings, char[] bindPassword) {
        requireBindPassword(bindPassword);
        String checkedName = DirectorySource.checkedName(name);
        requireUniqueName(checkedName, null);
        int position = inOrder().stream().mapToInt(DirectorySource::getPosition).max().orElse(0) + 1;
        DirectorySource directory = new DirectorySource(checkedName, position, settings, seal(bindPassword));
        em.persist(directory);
        audit.record("directory.added", AUDIT_TYPE, directory.getId().toString(), directory.getName(),
                describe(settings));
        return directory;
    }

    /** Changes a directory's settings; an empty bind password keeps the stored one. */
    public DirectorySource update(UUID id, String name, LdapSettings settings, char[] bindPassword) {
        DirectorySource directory = get(id);
        String checkedName = DirectorySource.checkedName(name);
        requireUniqueName(checkedName, id);
        boolean newPassword = bindPassword != null && bindPassword.length > 0;
        directory.rename(checkedName);
        directory.configure(settings, newPassword ? seal(bindPassword) : null);
        audit.record("directory.changed", AUDIT_TYPE, id.toString(), directory.getName(),
                describe(settings) + (newPassword ? "; bind password replaced" : ""));
        return directory;
    }

    public void enable(UUID id, boolean enable) {
        DirectorySource directory = get(id);
        directory.enable(enable);
        audit.record(enable ? "directory.enabled" : "directory.disabled", AUDIT_TYPE, id.toString(),
                directory.getName(), null);
    }

    /** Moves a directory one place earlier (-1) or later (+1) in the sign-in order. */
    public void move(UUID id, int direction) {
        List<DirectorySource> order = inOrder();
        DirectorySource directory = get(id);
        int index = order.indexOf(directory);
        int target = index + Integer.signum(direction);
        if (index < 0 || target < 0 || target >= order.size()) {
            return;
        }
        order.remove(index);
        order.add(target, directory);
        for (int i = 0; i < order.size(); i++) {
            order.get(i).moveTo(i + 1);
        }
        audit.record("directory.reordered", AUDIT_TYPE, id.toString(), directory.getName(),
                "now number " + (target + 1) + " of the directories, after the local accounts");
    }

    public void remove(UUID id) {
        DirectorySource directory = get(id);
        int grants = em.createNamedQuery(RoleGrant.DELETE_FOR_SOURCE)
                .setParameter("source", directory.sourceKey())
                .executeUpdate();
        em.remove(directory);
        audit.record("directory.removed", AUDIT_TYPE, id.toString(), directory.getName(),
                grants == 0 ? null : grants + " role grant(s) to its users and groups removed with it");
    }

    /**
     * Tries settings before (or after) they are saved: connects, binds and checks the search bases. An empty password
     * with the id of a saved directory uses its stored bind password.
     *
     * @return what worked, in plain words
     * @throws IdentitySourceUnavailableException what did not
     */
    public String testConnection(UUID savedId, LdapSettings settings, char[] bindPassword) {
        char[] password = bindPassword != null && bindPassword.length > 0 ? bindPassword.clone()
                : find(savedId).map(this::bindPasswordOf)
                .orElseThrow(() -> new IdentityException("Enter the bind password to test the connection."));
        try {
            return new LdapIdentitySource("ldap:test", "test", settings, password).testConnection();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The directory as a source to read from with AMS's bind account (its password unsealed inside the adapter),
     * whether or not sign-in asks it: the BitLocker key import reads computers' recovery information with it.
     */
    // Any caller: the key import runs on a timer (no caller); the bind password never leaves the adapter.
    @PermitAll
    public DirectoryConnector readerFor(UUID id) {
        return adapterFor(find(id).orElseThrow(() -> new IdentityException("That directory no longer exists.")));
    }

    private LdapIdentitySource adapterFor(DirectorySource directory) {
        char[] password = bindPasswordOf(directory);
        try {
            return new LdapIdentitySource(directory.sourceKey(), directory.getName(), directory.settings(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private List<DirectorySource> inOrder() {
        return new ArrayList<>(em.createNamedQuery(DirectorySource.IN_ORDER, DirectorySource.class).getResultList());
    }

    private void requireUniqueName(String name, UUID self) {
        boolean taken = inOrder().stream().anyMatch(other -> other.getName().equalsIgnoreCase(name)
                && !other.getId().equals(self));
        if (taken) {
            throw new IdentityException("Another directory is already named '" + name + "'.");
        }
    }

    private static void requireBindPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IdentityException("Enter the password of the bind account.");
        }
        if (password.length > PasswordPolicy.MAX_LENGTH) {
            throw new IdentityException("A bind password has at most " + PasswordPolicy.MAX_LENGTH + " characters.");
        }
    }

    private static String describe(LdapSettings settings) {
        return settings.url() + ", " + settings.security() + ", bind DN " + settings.bindDn() + ", users in "
                + settings.userBase() + " by " + settings.userAttribute() + ", groups in " + settings.groupBase()
                + " (" + settings.membership() + "), ids from " + settings.stableId();
    }

    private static String seal(char[] password) {
        requireBindPassword(password);
        return masterKey().sealText(password, BIND_PASSWORD_PURPOSE);
    }

    private char[] bindPasswordOf(DirectorySource directory) {
        return masterKey().openText(directory.getBindPasswordSealed(), BIND_PASSWORD_PURPOSE);
    }

    private static MasterKey masterKey() {
        return MasterKey.load(AmsSettings.current());
    }
}
