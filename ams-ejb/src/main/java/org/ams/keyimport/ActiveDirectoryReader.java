package org.ams.keyimport;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.StaticUtils;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ams.identity.ldap.DirectoryIds;
import org.ams.identity.ldap.DirectoryConnector;
import org.ams.protocol.InvalidProtectorIdException;
import org.ams.protocol.InvalidRecoveryPasswordException;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;

/**
 * Reads BitLocker recovery information from Active Directory with AMS's bind account: the domain controller's
 * identity and highest committed USN from the root DSE, then every {@code msFVE-RecoveryInformation} object in a
 * {@code uSNChanged} window under the search bases, page by page (LDAP simple paged results), each with its parent
 * computer's name, DNS name, objectGUID and objectSid. A recovery password is parsed (and its checksum checked) as
 * soon as it is read; its text is wiped.
 */
final class ActiveDirectoryReader implements AutoCloseable {

    static final String RECOVERY_INFORMATION_CLASS = "msFVE-RecoveryInformation";
    private static final String[] INFORMATION_ATTRIBUTES = {"msFVE-RecoveryPassword", "msFVE-RecoveryGuid",
        "msFVE-VolumeGuid", "whenCreated", "uSNChanged", "objectGUID"};
    private static final String[] COMPUTER_ATTRIBUTES = {"name", "cn", "dNSHostName", "objectGUID", "objectSid"};
    /** Computers are looked up once per run however many recovery passwords they have; bounded for huge runs. */
    private static final int COMPUTER_CACHE = 10_000;

    /** One page of recovery information; returns whether to read the next page. */
    @FunctionalInterface
    interface PageHandler {
        boolean handle(List<RecoveryInformation> page);
    }

    /** The domain controller answering: who it is, and its highest committed USN if it publishes one. */
    record DomainController(String identity, Long highestCommittedUsn) {
    }

    private final DirectoryConnector source;
    private final LDAPConnection connection;
    private final Map<String, ComputerObject> computers = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ComputerObject> eldest) {
            return size() > COMPUTER_CACHE;
        }
    };

    ActiveDirectoryReader(DirectoryConnector source) throws LDAPException {
        this.source = source;
        this.connection = source.openSignedIn();
    }

    /** {@code dsServiceName} (Active Directory's NTDS settings object of the DC), else the server's address. */
    DomainController domainController() throws LDAPException {
        RootDSE root = connection.getRootDSE();
        String identity = root == null ? null : root.getAttributeValue("dsServiceName");
        if (identity == null || identity.isBlank()) {
            identity = root == null ? null : root.getAttributeValue("serverName");
        }
        if (identity == null || identity.isBlank()) {
            identity = source.settings().host().toLowerCase(Locale.ROOT) + ":" + source.settings().port();
        }
        Long highest = null;
        String usn = root == null ? null : root.getAttributeValue("highestCommittedUSN");
        if (usn != null) {
            try {
                highest = Long.parseLong(usn.strip());
            } catch (NumberFormatException e) {
                highest = null;
            }
        }
        return new DomainController(identity, highest);
    }

    /**
     * Reads the window under each base, one page at a time, until done or the handler says stop.
     *
     * @param beforeNextPage asked before every page but the first (it may pause); false stops the reading
     */
    boolean read(List<String> bases, SyncWindow window, int pageSize, PageHandler handler,
                 BooleanSupplier beforeNextPage) throws LDAPException {
        Filter filter = Filter.createANDFilter(window.ceiling() == null
                ? List.of(Filter.createEqualityFilter("objectClass", RECOVERY_INFORMATION_CLASS),
                        Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(window.floor() + 1)))
                : List.of(Filter.createEqualityFilter("objectClass", RECOVERY_INFORMATION_CLASS),
                        Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(window.floor() + 1)),
                        Filter.createLessOrEqualFilter("uSNChanged", Long.toString(window.ceiling()))));
        boolean first = true;
        for (String base : bases) {
            ASN1OctetString cookie = null;
            do {
                if (!first && !beforeNextPage.getAsBoolean()) {
                    return false;
                }
                first = false;
                SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, INFORMATION_ATTRIBUTES);
                request.addControl(new SimplePagedResultsControl(pageSize, cookie, true));
                SearchResult result = connection.search(request);
                if (result.getResultCode() != ResultCode.SUCCESS) {
                    throw new LDAPException(result);
                }
                List<RecoveryInformation> page = new ArrayList<>();
                for (SearchResultEntry entry : result.getSearchEntries()) {
                    page.add(recoveryInformation(entry));
                }
                SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
                cookie = response == null ? null : response.getCookie();
                if (!handler.handle(page)) {
                    return false;
                }
            } while (cookie != null && cookie.getValueLength() > 0);
        }
        return true;
    }

    private RecoveryInformation recoveryInformation(SearchResultEntry entry) throws LDAPException {
        String dn = entry.getDN();
        String objectGuid = guid(entry.getAttributeValueBytes("objectGUID"));
        long usn = usn(entry.getAttributeValue("uSNChanged"));
        OffsetDateTime created = created(entry.getAttributeValue("whenCreated"));
        String volume = guid(entry.getAttributeValueBytes("msFVE-VolumeGuid"));
        String volumeId = volume == null ? null : "{" + volume.toUpperCase(Locale.ROOT) + "}";
        ComputerObject computer = computerOf(dn);
        ProtectorId protectorId;
        try {
            String recoveryGuid = guid(entry.getAttributeValueBytes("msFVE-RecoveryGuid"));
            protectorId = recoveryGuid == null ? null : ProtectorId.parse(recoveryGuid);
        } catch (InvalidProtectorIdException e) {
            protectorId = null;
        }
        String problem = null;
        if (objectGuid == null) {
            problem = "the object has no objectGUID";
        } else if (protectorId == null) {
            problem = "msFVE-RecoveryGuid is missing or not a GUID";
        } else if (computer == null) {
            problem = "its parent is not a computer with an objectGUID and a name";
        }
        RecoveryPassword password = null;
        byte[] text = entry.getAttributeValueBytes("msFVE-RecoveryPassword");
        if (text == null) {
            problem = problem == null ? "msFVE-RecoveryPassword is missing" : problem;
        } else {
            char[] chars = chars(text);
            try {
                password = RecoveryPassword.parse(chars);
            } catch (InvalidRecoveryPasswordException e) {
                // The message names the group and the rule, never the digits.
                problem = problem == null ? "the recovery password is not valid: " + e.getMessage() : problem;
            } finally {
                Arrays.fill(chars, '\0');
                Arrays.fill(text, (byte) 0);
            }
        }
        return new RecoveryInformation(dn, objectGuid, usn, protectorId, volumeId, created,
                problem == null ? password : null, computer, problem);
    }

    private ComputerObject computerOf(String informationDn) throws LDAPException {
        DN parent = new DN(informationDn).getParent();
        if (parent == null) {
            return null;
        }
        String key = parent.toNormalizedString();
        if (computers.containsKey(key)) {
            return computers.get(key);
        }
        SearchResultEntry entry = connection.getEntry(parent.toString(), COMPUTER_ATTRIBUTES);
        ComputerObject computer = null;
        if (entry != null) {
            String guid = guid(entry.getAttributeValueBytes("objectGUID"));
            String name = entry.getAttributeValue("name");
            if (name == null || name.isBlank()) {
                name = entry.getAttributeValue("cn");
            }
            if (guid != null && name != null && !name.isBlank()) {
                computer = new ComputerObject(entry.getDN(), guid, sid(entry.getAttributeValueBytes("objectSid")),
                        name.strip(), blankToNull(entry.getAttributeValue("dNSHostName")));
            }
        }
        computers.put(key, computer);
        return computer;
    }

    /** A GUID attribute: 16 bytes in Microsoft's layout, or (from some tools and test directories) its text. */
    static String guid(byte[] value) {
        if (value == null) {
            return null;
        }
        if (value.length == 16) {
            return DirectoryIds.objectGuid(value);
        }
        String text = new String(value, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                ? text.toLowerCase(Locale.ROOT) : null;
    }

    private static String sid(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return DirectoryIds.objectSid(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long usn(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static OffsetDateTime created(String value) {
        if (value == null) {
            return OffsetDateTime.now(ZoneOffset.UTC);
        }
        try {
            return StaticUtils.decodeGeneralizedTime(value).toInstant().atOffset(ZoneOffset.UTC);
        } catch (java.text.ParseException e) {
            return OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static char[] chars(byte[] utf8) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return chars;
    }

    String describe(LDAPException e) {
        return source.describe(e);
    }

    @Override
    public void close() {
        connection.close();
    }
}
