package org.ams.identity.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

/**
 * A real LDAP server for tests (the EJB module's unit tests and the integration tests share it): UnboundID's in-memory directory on 127.0.0.1, offering StartTLS with a fresh
 * self-signed certificate, loaded with an Active Directory-like tree. Schema checking is off, as AD's classes and
 * attributes (user, sAMAccountName, userAccountControl) are not in the standard schema.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BIND_DN = "cn=ams-reader,ou=Service Accounts,dc=corp,dc=example";
    public static final String BIND_PASSWORD = "Reader-Secret-2024";
    public static final String USER_BASE = "ou=Users,dc=corp,dc=example";
    public static final String GROUP_BASE = "ou=Groups,dc=corp,dc=example";

    private final InMemoryDirectoryServer server;
    private final String certificatePem;

    private TestDirectory(InMemoryDirectoryServer server, String certificatePem) {
        this.server = server;
        this.certificatePem = certificatePem;
    }

    public static TestDirectory start() throws Exception {
        ObjectPair<File, char[]> keyStore =
                SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("ams-test", "PKCS12");
        SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore.getFirst(), keyStore.getSecond(), "PKCS12",
                null), new TrustAllTrustManager());
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=corp,dc=example");
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getLoopbackAddress(), 0, serverSsl.createSSLSocketFactory()));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        try (InputStream ldif = TestDirectory.class.getResourceAsStream("corp-directory.ldif")) {
            server.importFromLDIF(true, new LDIFReader(ldif));
        }
        server.startListening();
        return new TestDirectory(server, pem(keyStore));
    }

    private static String pem(ObjectPair<File, char[]> keyStoreFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStoreFile.getFirst())) {
            store.load(in, keyStoreFile.getSecond());
        }
        Certificate certificate = store.getCertificate(Collections.list(store.aliases()).get(0));
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    public int port() {
        return server.getListenPort();
    }

    public String certificatePem() {
        return certificatePem;
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    public String entryUuid(String dn) throws Exception {
        return server.getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
    }

    /** Stops answering, as a directory server that went down: connections are dropped, the port is closed. */
    public void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        stop();
    }
}
