package org.ams.it;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.StaticUtils;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A real LDAP server shaped like Active Directory for the BitLocker key import (UnboundID's in-memory server, run in
 * the server process by {@code KeyImportIT}): computer objects with objectGUID, objectSid and dNSHostName, and
 * {@code msFVE-RecoveryInformation} objects under them, named as AD names them. The schema is the standard one plus
 * AD's attributes ({@code bitlocker-schema.ldif}); the root DSE names the domain controller ({@code dsServiceName}).
 * <p>
 * The in-memory server keeps no {@code uSNChanged}: every add and change here sets it from a counter, as a domain
 * controller would.
 */
public final class BitLockerDirectory implements AutoCloseable {

    public static final String BASE = "dc=bitlocker,dc=example";
    public static final String COMPUTERS = "ou=Workstations," + BASE;
    public static final String BIND_DN = "cn=ams-bitlocker-reader,ou=Service Accounts," + BASE;
    public static final String BIND_PASSWORD = "Bitlocker-Reader-2026";
    public static final String DNS_SUFFIX = ".bitlocker.example";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final InMemoryDirectoryServer server;
    private long usn = 1000;
    private final Map<String, String> recoveryDns = new HashMap<>();

    private BitLockerDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /** @param domainController what the root DSE's {@code dsServiceName} says */
    public static BitLockerDirectory start(String domainController) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        try (InputStream ldif = BitLockerDirectory.class.getResourceAsStream("bitlocker-schema.ldif")) {
            config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), Schema.getSchema(ldif)));
        }
        config.setCustomRootDSEAttributes(List.of(new Attribute("dsServiceName", "CN=NTDS Settings,CN="
                + domainController + ",CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration," + BASE)));
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: bitlocker");
        server.add("dn: ou=Service Accounts," + BASE, "objectClass: top", "objectClass: organizationalUnit",
                "ou: Service Accounts");
        server.add("dn: " + BIND_DN, "objectClass: top", "objectClass: person", "cn: ams-bitlocker-reader",
                "sn: reader", "userPassword: " + BIND_PASSWORD);
        server.add("dn: " + COMPUTERS, "objectClass: top", "objectClass: organizationalUnit", "ou: Workstations");
        server.startListening();
        return new BitLockerDirectory(server);
    }

    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    /** A computer object under {@link #COMPUTERS}, with a DNS name under {@link #DNS_SUFFIX}. */
    public synchronized void addComputer(String name) throws Exception {
        Entry computer = new Entry("cn=" + name + "," + COMPUTERS);
        computer.addAttribute("objectClass", "top", "computer");
        computer.addAttribute("cn", name);
        computer.addAttribute("name", name);
        computer.addAttribute("sAMAccountName", name + "$");
        computer.addAttribute("dNSHostName", name.toLowerCase(Locale.ROOT) + DNS_SUFFIX);
        computer.addAttribute(new Attribute("objectGUID", guidBytes(UUID.randomUUID())));
        computer.addAttribute(new Attribute("objectSid", sidBytes(21, 1_111_111_111, 222_222_222, 333_333_333,
                1000 + RANDOM.nextInt(1_000_000))));
        computer.addAttribute("uSNChanged", Long.toString(++usn));
        computer.addAttribute("whenCreated", StaticUtils.encodeGeneralizedTime(new Date()));
        server.add(computer);
    }

    /**
     * An {@code msFVE-RecoveryInformation} object under the computer, named as AD names it (its creation time and the
     * recovery GUID).
     *
     * @return the recovery GUID, the protector id the BitLocker recovery screen shows the start of
     */
    public synchronized UUID addRecoveryInformation(String computer, String recoveryPassword) throws Exception {
        UUID recoveryGuid = UUID.randomUUID();
        String dn = "cn=2026-01-15T10:00:00-00:00{" + recoveryGuid.toString().toUpperCase(Locale.ROOT) + "},cn="
                + computer + "," + COMPUTERS;
        Entry information = new Entry(dn);
        information.addAttribute("objectClass", "top", "msFVE-RecoveryInformation");
        information.addAttribute("cn", new com.unboundid.ldap.sdk.DN(dn).getRDN().getAttributeValues()[0]);
        information.addAttribute("msFVE-RecoveryPassword", recoveryPassword);
        information.addAttribute(new Attribute("msFVE-RecoveryGuid", guidBytes(recoveryGuid)));
        information.addAttribute(new Attribute("msFVE-VolumeGuid", guidBytes(UUID.randomUUID())));
        information.addAttribute(new Attribute("objectGUID", guidBytes(UUID.randomUUID())));
        information.addAttribute("uSNChanged", Long.toString(++usn));
        information.addAttribute("whenCreated", "20260115100000.0Z");
        server.add(information);
        recoveryDns.put(recoveryGuid.toString(), dn);
        return recoveryGuid;
    }

    /**
     * Another domain controller of the same domain: a second server holding a copy of every computer and recovery
     * information object, with {@code uSNChanged} from its own counter (USNs are local to a controller, and the
     * replica's are lower than this one's). The caller closes it.
     */
    public synchronized BitLockerDirectory replica(String domainController) throws Exception {
        BitLockerDirectory replica = start(domainController);
        List<SearchResultEntry> objects = server.search(COMPUTERS, SearchScope.SUB, "(objectClass=*)")
                .getSearchEntries().stream()
                .filter(entry -> !entry.getDN().equalsIgnoreCase(COMPUTERS))
                .sorted(Comparator.comparingInt(entry -> entry.getDN().length() - entry.getDN().replace(",", "").length()))
                .toList();
        for (SearchResultEntry object : objects) {
            Entry copy = object.duplicate();
            copy.setAttribute("uSNChanged", Long.toString(++replica.usn));
            replica.server.add(copy);
        }
        replica.recoveryDns.putAll(recoveryDns);
        return replica;
    }

    /** Another password in the same object: a change, with a new uSNChanged. */
    public synchronized void changePassword(UUID recoveryGuid, String recoveryPassword) throws Exception {
        server.modify(recoveryDns.get(recoveryGuid.toString()),
                new Modification(ModificationType.REPLACE, "msFVE-RecoveryPassword", recoveryPassword),
                new Modification(ModificationType.REPLACE, "uSNChanged", Long.toString(++usn)));
    }

    public synchronized void delete(UUID recoveryGuid) throws Exception {
        server.delete(recoveryDns.remove(recoveryGuid.toString()));
    }

    /** A recovery password that passes BitLocker's checksum: eight groups, each 11 times a 16-bit word. */
    public static String validPassword() {
        StringBuilder password = new StringBuilder();
        for (int group = 0; group < 8; group++) {
            password.append(group == 0 ? "" : "-").append(String.format("%06d", 11 * RANDOM.nextInt(65536)));
        }
        return password.toString();
    }

    /** A recovery password whose third group is not a multiple of 11: a typo BitLocker's check catches. */
    public static String invalidPassword() {
        String valid = validPassword();
        int third = Integer.parseInt(valid.substring(14, 20));
        return valid.substring(0, 14) + String.format("%06d", third + 1) + valid.substring(20);
    }

    /** A GUID as AD stores it: the first three fields little-endian. */
    static byte[] guidBytes(UUID guid) {
        ByteBuffer big = ByteBuffer.allocate(16).putLong(guid.getMostSignificantBits())
                .putLong(guid.getLeastSignificantBits());
        byte[] bytes = big.array();
        byte[] ms = bytes.clone();
        for (int i = 0; i < 4; i++) {
            ms[i] = bytes[3 - i];
        }
        ms[4] = bytes[5];
        ms[5] = bytes[4];
        ms[6] = bytes[7];
        ms[7] = bytes[6];
        return ms;
    }

    private static byte[] sidBytes(long... subAuthorities) {
        ByteBuffer sid = ByteBuffer.allocate(8 + 4 * subAuthorities.length);
        sid.put((byte) 1).put((byte) subAuthorities.length).put(new byte[] {0, 0, 0, 0, 0, 5});
        sid.order(ByteOrder.LITTLE_ENDIAN);
        for (long sub : subAuthorities) {
            sid.putInt((int) sub);
        }
        return sid.array();
    }

    /**
     * Reads what an initial import reads, as it reads it (every recovery information object in pages of
     * {@code pageSize} over one connection, and each parent computer once) and returns how long that took: the
     * directory's own share of an import's time, which benchmarks leave out of AMS's.
     */
    public double secondsToReadEverything(int pageSize) throws Exception {
        long started = System.nanoTime();
        try (LDAPConnection connection = new LDAPConnection("127.0.0.1", server.getListenPort(), BIND_DN,
                BIND_PASSWORD)) {
            Filter filter = Filter.createANDFilter(Filter.createEqualityFilter("objectClass",
                    "msFVE-RecoveryInformation"), Filter.createGreaterOrEqualFilter("uSNChanged", "1"));
            Set<String> computers = new HashSet<>();
            ASN1OctetString cookie = null;
            do {
                SearchRequest request = new SearchRequest(COMPUTERS, SearchScope.SUB, filter, "msFVE-RecoveryPassword",
                        "msFVE-RecoveryGuid", "msFVE-VolumeGuid", "whenCreated", "uSNChanged", "objectGUID");
                request.addControl(new SimplePagedResultsControl(pageSize, cookie, true));
                SearchResult result = connection.search(request);
                for (SearchResultEntry entry : result.getSearchEntries()) {
                    String parent = entry.getParentDNString();
                    if (computers.add(parent)) {
                        connection.getEntry(parent, "name", "cn", "dNSHostName", "objectGUID", "objectSid");
                    }
                }
                SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
                cookie = response == null ? null : response.getCookie();
            } while (cookie != null && cookie.getValueLength() > 0);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
