package org.ams.identity.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.ams.identity.IdentityException;
import org.ams.identity.IdentitySource;
import org.ams.identity.IdentitySourceUnavailableException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.SourceAuthentication;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.PasswordPolicy;

/**
 * An LDAP directory or Active Directory domain as an identity source: finds the user with AMS's bind account, checks
 * the password by binding as the user, and resolves nested groups with the bind account.
 * <p>
 * A new connection per sign-in: sign-ins are rare enough, and a pool would keep connections (and their failure modes)
 * alive between them. Nothing here ever puts a password in a message or a log line.
 */
final class LdapIdentitySource implements IdentitySource, DirectoryConnector {

    public static final String KEY_PREFIX = "ldap:";
    private static final Logger LOG = Logger.getLogger(LdapIdentitySource.class.getName());
    /** AD's userAccountControl flag ACCOUNTDISABLE. */
    private static final int ACCOUNT_DISABLED = 0x2;
    private static final int MAX_USERNAME_LENGTH = LocalAccount.MAX_USERNAME_LENGTH;
    private static final int MAX_PASSWORD_LENGTH = PasswordPolicy.MAX_LENGTH;

    private final String key;
    private final String displayName;
    private final LdapSettings settings;
    private final char[] bindPassword;

    public LdapIdentitySource(String key, String displayName, LdapSettings settings, char[] bindPassword) {
        this.key = key;
        this.displayName = displayName;
        this.settings = settings;
        this.bindPassword = bindPassword.clone();
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public SourceAuthentication authenticate(String username, char[] password) {
        if (username == null || username.isBlank() || username.length() > MAX_USERNAME_LENGTH) {
            return SourceAuthentication.unknownUser();
        }
        if (password == null || password.length == 0 || password.length > MAX_PASSWORD_LENGTH) {
            // An empty password would be an "unauthenticated bind", which many servers answer with success.
            return SourceAuthentication.rejected();
        }
        try (LDAPConnection connection = connectAsAms()) {
            SearchResultEntry user = findUser(connection, username.trim());
            if (user == null) {
                return SourceAuthentication.unknownUser();
            }
            if (isDisabled(user)) {
                return SourceAuthentication.rejected();
            }
            if (!passwordMatches(user.getDN(), password)) {
                return SourceAuthentication.rejected();
            }
            return SourceAuthentication.authenticated(userRef(user), groupsOf(connection, user.getDN()));
        } catch (AmbiguousUserException e) {
            LOG.warning(() -> "Directory '" + displayName + "' has more than one user whose " + settings.userAttribute()
                    + " is the name typed at sign-in; refusing the sign-in.");
            return SourceAuthentication.rejected();
        } catch (LDAPException e) {
            String problem = describe(e);
            LOG.warning(() -> "Directory '" + displayName + "' could not be asked about a sign-in: " + problem);
            return SourceAuthentication.unavailable(problem);
        } catch (IdentitySourceUnavailableException e) {
            LOG.warning(() -> "Directory '" + displayName + "' could not be asked about a sign-in: " + e.getMessage());
            return SourceAuthentication.unavailable(e.getMessage());
        }
    }

    @Override
    public List<PrincipalRef> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String needle = text.trim();
        try (LDAPConnection connection = connectAsAms()) {
            List<PrincipalRef> found = new ArrayList<>();
            for (SearchResultEntry entry : searchUpTo(connection, settings.userBase(),
                    LdapFilters.usersNamed(settings.userAttribute(), needle), limit, userAttributes())) {
                found.add(userRef(entry));
            }
            for (SearchResultEntry entry : searchUpTo(connection, settings.groupBase(),
                    LdapFilters.groupsNamed(needle), limit, groupAttributes())) {
                found.add(groupRef(entry));
            }
            return found;
        } catch (LDAPException e) {
            throw new IdentitySourceUnavailableException("The directory '" + displayName + "' could not be searched: "
                    + describe(e));
        }
    }

    @Override
    public java.util.Set<PrincipalRef> groupsOf(PrincipalRef user) {
        try (LDAPConnection connection = connectAsAms()) {
            SearchResultEntry entry = findUser(connection, user.name());
            // Found by name, trusted by stable id: a different account that took over the name is not this user.
            if (entry == null || !userRef(entry).sameAs(user)) {
                throw new IdentityException("The directory '" + displayName + "' no longer has the user "
                        + user.name() + ".");
            }
            return groupsOf(connection, entry.getDN());
        } catch (AmbiguousUserException e) {
            throw new IdentityException("The directory '" + displayName + "' has more than one user named "
                    + user.name() + ".");
        } catch (LDAPException e) {
            throw new IdentitySourceUnavailableException("The directory '" + displayName + "' could not be asked "
                    + "about " + user.name() + ": " + describe(e));
        }
    }

    /** The directory's {@code mail} attribute of the user, found by name and trusted by stable id. */
    @Override
    public java.util.Optional<String> emailOf(PrincipalRef user) {
        try (LDAPConnection connection = connectAsAms()) {
            SearchResultEntry entry = findUser(connection, user.name());
            if (entry == null || !userRef(entry).sameAs(user)) {
                return java.util.Optional.empty();
            }
            SearchResultEntry mail = connection.getEntry(entry.getDN(), "mail");
            String address = mail == null ? null : mail.getAttributeValue("mail");
            return address == null || address.isBlank() ? java.util.Optional.empty()
                    : java.util.Optional.of(address.strip());
        } catch (AmbiguousUserException | LDAPException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public Set<PrincipalRef> missingAmong(Collection<PrincipalRef> principals) {
        if (principals.isEmpty()) {
            return Set.of();
        }
        try (LDAPConnection connection = connectAsAms()) {
            Set<PrincipalRef> missing = new java.util.HashSet<>();
            for (PrincipalRef principal : principals) {
                if (!exists(connection, principal)) {
                    missing.add(principal);
                }
            }
            return missing;
        } catch (LDAPException e) {
            throw new IdentitySourceUnavailableException("The directory '" + displayName + "' could not be asked "
                    + "whether its users and groups still exist: " + describe(e));
        }
    }

    /** Looked up by stable id under the user or group search base, as the principal picker found it there. */
    private boolean exists(LDAPConnection connection, PrincipalRef principal) throws LDAPException {
        boolean group = principal.kind() == PrincipalKind.GROUP;
        if (settings.stableId() == LdapSettings.StableId.DN) {
            SearchResultEntry entry;
            try {
                entry = connection.getEntry(principal.id(), group ? groupAttributes() : userAttributes());
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.INVALID_DN_SYNTAX || e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                    return false;
                }
                throw e;
            }
            return entry != null && LdapFilters.ofKind(group).matchesEntry(entry);
        }
        Filter byId;
        try {
            byId = switch (settings.stableId()) {
                case OBJECT_GUID -> Filter.createEqualityFilter("objectGUID", DirectoryIds.objectGuidBytes(principal.id()));
                case OBJECT_SID -> Filter.createEqualityFilter("objectSid", DirectoryIds.objectSidBytes(principal.id()));
                default -> Filter.createEqualityFilter(settings.stableId().attribute(), principal.id());
            };
        } catch (IllegalArgumentException e) {
            // Not even the shape of an id this directory hands out: nothing there can have it.
            return false;
        }
        return !searchUpTo(connection, group ? settings.groupBase() : settings.userBase(),
                Filter.createANDFilter(LdapFilters.ofKind(group), byId), 1, "1.1").isEmpty();
    }

    /**
     * Connects, binds with AMS's account and checks that both search bases exist, then says so in plain words.
     *
     * @throws IdentitySourceUnavailableException with what went wrong
     */
    public String testConnection() {
        try (LDAPConnection connection = connectAsAms()) {
            for (String base : List.of(settings.userBase(), settings.groupBase())) {
                if (connection.getEntry(base, "1.1") == null) {
                    throw new IdentitySourceUnavailableException("Connected and signed in as " + settings.bindDn()
                            + ", but the search base '" + base + "' does not exist or the bind account cannot read it.");
                }
            }
            return "Connected to " + settings.url() + " (" + encryptionInWords() + ") and signed in as "
                    + settings.bindDn() + "; the user and group search bases exist.";
        } catch (LDAPException e) {
            throw new IdentitySourceUnavailableException(describe(e));
        }
    }

    @Override
    public LDAPConnection openSignedIn() throws LDAPException {
        return connectAsAms();
    }

    @Override
    public LdapSettings settings() {
        return settings;
    }

    private String encryptionInWords() {
        switch (settings.security()) {
            case LDAPS:
                return "LDAPS";
            case STARTTLS:
                return "StartTLS";
            default:
                return "not encrypted";
        }
    }

    private LDAPConnection connectAsAms() throws LDAPException {
        LDAPConnection connection = connect();
        try {
            byte[] secret = utf8(bindPassword);
            try {
                connection.bind(new SimpleBindRequest(settings.bindDn(), secret));
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
            return connection;
        } catch (LDAPException e) {
            connection.close();
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                throw new LDAPException(ResultCode.INVALID_CREDENTIALS, "The directory refused AMS's bind account "
                        + settings.bindDn() + ": check the bind DN and its password.");
            }
            throw e;
        }
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(settings.connectTimeoutMillis());
        options.setResponseTimeoutMillis(settings.responseTimeoutMillis());
        options.setAbandonOnTimeout(true);
        options.setFollowReferrals(false);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        try {
            switch (settings.security()) {
                case LDAPS:
                    return new LDAPConnection(sslUtil().createSSLSocketFactory(), options, settings.host(),
                            settings.port());
                case STARTTLS:
                    LDAPConnection connection = new LDAPConnection(options, settings.host(), settings.port());
                    try {
                        ExtendedResult started = connection.processExtendedOperation(
                                new StartTLSExtendedRequest(sslUtil().createSSLContext()));
                        if (started.getResultCode() != ResultCode.SUCCESS) {
                            throw new LDAPException(ResultCode.CONNECT_ERROR, "The directory refused StartTLS ("
                                    + started.getResultCode() + "); use LDAPS or enable TLS on the server.");
                        }
                        return connection;
                    } catch (LDAPException e) {
                        connection.close();
                        throw e;
                    }
                default:
                    return new LDAPConnection(options, settings.host(), settings.port());
            }
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "Cannot set up TLS for the directory: " + e.getMessage());
        }
    }

    private SSLUtil sslUtil() throws GeneralSecurityException {
        List<X509Certificate> trusted = settings.certificates();
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trusted.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            factory.init(store);
        }
        TrustManager[] managers = factory.getTrustManagers();
        return new SSLUtil(managers);
    }

    private SearchResultEntry findUser(LDAPConnection connection, String username) throws LDAPException {
        SearchRequest request = new SearchRequest(settings.userBase(), SearchScope.SUB,
                LdapFilters.user(settings.userAttribute(), username), userAttributes());
        request.setSizeLimit(2);
        SearchResult result;
        try {
            result = connection.search(request);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw new AmbiguousUserException();
            }
            throw e;
        }
        if (result.getEntryCount() > 1) {
            throw new AmbiguousUserException();
        }
        return result.getEntryCount() == 0 ? null : result.getSearchEntries().get(0);
    }

    private boolean passwordMatches(String userDn, char[] password) throws LDAPException {
        // A connection of its own, so the user's bind never changes who the search connection is.
        try (LDAPConnection connection = connect()) {
            byte[] secret = utf8(password);
            try {
                connection.bind(new SimpleBindRequest(userDn, secret));
                return true;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (LDAPException e) {
            ResultCode code = e.getResultCode();
            if (code == ResultCode.INVALID_CREDENTIALS || code == ResultCode.INAPPROPRIATE_AUTHENTICATION
                    || code == ResultCode.UNWILLING_TO_PERFORM || code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
                // AD answers 49 for a wrong password and for disabled, locked and expired accounts alike.
                return false;
            }
            throw e;
        }
    }

    static boolean isDisabled(SearchResultEntry user) {
        Integer control = user.getAttributeValueAsInteger("userAccountControl");
        if (control != null && (control & ACCOUNT_DISABLED) != 0) {
            return true;
        }
        return user.hasAttribute("pwdAccountLockedTime")
                || "true".equalsIgnoreCase(user.getAttributeValue("nsAccountLock"))
                || "true".equalsIgnoreCase(user.getAttributeValue("loginDisabled"));
    }

    private Set<PrincipalRef> groupsOf(LDAPConnection connection, String userDn) throws LDAPException {
        Collection<SearchResultEntry> groups;
        if (settings.membership() == LdapSettings.Membership.AD_IN_CHAIN) {
            groups = search(connection, settings.groupBase(), LdapFilters.groupsInChain(userDn), groupAttributes());
        } else {
            groups = walkGroups(connection, userDn);
        }
        return groups.stream().map(this::groupRef).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private Collection<SearchResultEntry> walkGroups(LDAPConnection connection, String userDn) throws LDAPException {
        try {
            return new GroupWalk<SearchResultEntry>(LdapIdentitySource::normalizedDn, memberDn -> {
                try {
                    return search(connection, settings.groupBase(), LdapFilters.groupsWithMember(memberDn),
                            groupAttributes());
                } catch (LDAPException e) {
                    throw new WalkInterrupted(e);
                }
            }).from(normalizedDn(userDn));
        } catch (WalkInterrupted e) {
            throw e.cause;
        }
    }

    private static List<SearchResultEntry> search(LDAPConnection connection, String base, Filter filter,
                                                  String... attributes) throws LDAPException {
        return connection.search(new SearchRequest(base, SearchScope.SUB, filter, attributes)).getSearchEntries();
    }

    private static List<SearchResultEntry> searchUpTo(LDAPConnection connection, String base, Filter filter,
                                                      int limit, String... attributes) throws LDAPException {
        SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
        request.setSizeLimit(limit);
        try {
            return connection.search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return e.getSearchEntries();
            }
            throw e;
        }
    }

    private static String normalizedDn(SearchResultEntry entry) {
        return normalizedDn(entry.getDN());
    }

    private static String normalizedDn(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private String[] userAttributes() {
        return withStableId(settings.userAttribute(), "cn", "displayName", "userAccountControl",
                "pwdAccountLockedTime", "nsAccountLock", "loginDisabled");
    }

    private String[] groupAttributes() {
        return withStableId("cn");
    }

    private String[] withStableId(String... attributes) {
        String stable = settings.stableId().attribute();
        if (stable == null) {
            return attributes;
        }
        String[] all = Arrays.copyOf(attributes, attributes.length + 1);
        all[attributes.length] = stable;
        return all;
    }

    private PrincipalRef userRef(SearchResultEntry entry) {
        String name = entry.getAttributeValue(settings.userAttribute());
        return PrincipalRef.user(key, stableIdOf(entry), name != null ? name : entry.getAttributeValue("cn"));
    }

    private PrincipalRef groupRef(SearchResultEntry entry) {
        String name = entry.getAttributeValue("cn");
        return PrincipalRef.group(key, stableIdOf(entry), name != null ? name : entry.getDN());
    }

    private String stableIdOf(SearchResultEntry entry) {
        switch (settings.stableId()) {
            case OBJECT_GUID: {
                byte[] guid = entry.getAttributeValueBytes("objectGUID");
                return guid == null ? missingStableId(entry) : DirectoryIds.objectGuid(guid);
            }
            case OBJECT_SID: {
                byte[] sid = entry.getAttributeValueBytes("objectSid");
                return sid == null ? missingStableId(entry) : DirectoryIds.objectSid(sid);
            }
            case ENTRY_UUID: {
                String uuid = entry.getAttributeValue("entryUUID");
                return uuid == null ? missingStableId(entry) : uuid.toLowerCase(java.util.Locale.ROOT);
            }
            default:
                return normalizedDn(entry);
        }
    }

    private String missingStableId(SearchResultEntry entry) {
        throw new IdentitySourceUnavailableException("The directory entry " + entry.getDN() + " has no "
                + settings.stableId().attribute() + "; choose another stable id attribute for '" + displayName + "'.");
    }

    /** Plain words for an LDAP failure: what happened and what to check. */
    @Override
    public String describe(LDAPException e) {
        ResultCode code = e.getResultCode();
        String where = settings.host() + ":" + settings.port();
        if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.LOCAL_ERROR) {
            if (isTlsTrustFailure(e)) {
                return "The directory's TLS certificate is not trusted or does not match " + settings.host()
                        + ": paste its CA certificate into the trusted certificates.";
            }
            String detail = e.getMessage();
            if (detail != null && detail.contains("StartTLS")) {
                return detail;
            }
            if (code == ResultCode.LOCAL_ERROR) {
                return "Could not talk to the directory at " + where + ": " + detail;
            }
            return "Cannot connect to the directory at " + where + " (the server is down or unreachable).";
        }
        if (code == ResultCode.TIMEOUT) {
            return "The directory at " + where + " did not answer within the time-out.";
        }
        if (code == ResultCode.INVALID_CREDENTIALS) {
            return e.getMessage();
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return "A search base does not exist in the directory: check the user and group search bases.";
        }
        if (code == ResultCode.INAPPROPRIATE_MATCHING || code == ResultCode.UNAVAILABLE_CRITICAL_EXTENSION
                || code == ResultCode.PROTOCOL_ERROR) {
            return "The directory did not understand a query (" + code.getName() + "); if it is not Active "
                    + "Directory, resolve group membership by walking member attributes.";
        }
        return "The directory answered '" + code.getName() + "'.";
    }

    private static boolean isTlsTrustFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException || cause instanceof java.security.cert.CertificateException
                    || (cause instanceof LDAPException
                        && String.valueOf(((LDAPException) cause).getDiagnosticMessage()).contains("certificate"))) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("PKIX") || message.contains("certificate") || message.contains("hostname")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /** More than one account answers to the typed name: refusing is the only safe answer. */
    private static final class AmbiguousUserException extends RuntimeException {
        AmbiguousUserException() {
            super(null, null, false, false);
        }
    }

    /** Carries an LDAP failure out of the group walk's lambda. */
    private static final class WalkInterrupted extends RuntimeException {
        private final LDAPException cause;

        WalkInterrupted(LDAPException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }
}
