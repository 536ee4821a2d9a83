package org.ams.agent.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trusting a self-signed server by its fingerprint, over a real TLS connection on loopback. */
class ServerTrustTest {

    private static HttpsServer server;
    private static X509Certificate certificate;
    private static int port;

    @TempDir
    Path directory;

    @BeforeAll
    static void startSelfSignedServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=ams-test-server");
        // Valid for the IP address 127.0.0.1 only, so "localhost" is a name the certificate does not carry.
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(1))), name, pair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", pair.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "pw".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "hello agent".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    @DisplayName("The pinned fingerprint lets the agent in, whatever name the certificate carries")
    void pinnedCertificateIsTrusted() throws Exception {
        String pin = ServerTrust.format(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));

        assertEquals("hello agent", get(ServerTrust.pinned(pin), "127.0.0.1"));
        assertEquals("hello agent", get(ServerTrust.pinned(pin), "localhost"));
    }

    @Test
    void anyOtherCertificateIsRefused() {
        String otherPin = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

        Exception refused = assertThrows(Exception.class, () -> get(ServerTrust.pinned(otherPin), "127.0.0.1"));

        assertTrue(rootMessage(refused).contains("not the pinned 00:11:22"), rootMessage(refused));
    }

    @Test
    void theSystemCertificateAuthoritiesDoNotTrustASelfSignedServer() {
        assertThrows(Exception.class, () -> get(ServerTrust.systemDefault(), "127.0.0.1"));
    }

    @Test
    void aTrustStoreHoldingTheCertificateIsTrusted() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ams", certificate);
        Path file = directory.resolve("trust.p12");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trusted.store(bytes, "changeit".toCharArray());
        Files.write(file, bytes.toByteArray());

        ServerTrust trust = ServerTrust.trustStore(file, "changeit".toCharArray());

        assertEquals("hello agent", get(trust, "127.0.0.1"));
        // Unlike a pin, a certificate authority vouches for names: a name not in the certificate is refused.
        assertThrows(Exception.class, () -> get(trust, "localhost"));
    }

    @Test
    void fingerprintsAreAcceptedWithOrWithoutColons() {
        byte[] expected = new byte[32];
        expected[0] = (byte) 0xAB;
        expected[31] = 0x01;
        String hex = "AB" + "00".repeat(30) + "01";

        assertArrayEquals(expected, ServerTrust.parseFingerprint(hex.toLowerCase()));
        assertArrayEquals(expected, ServerTrust.parseFingerprint(ServerTrust.format(expected)));
        assertThrows(IllegalArgumentException.class, () -> ServerTrust.parseFingerprint("AB:CD"));
    }

    private static String get(ServerTrust trust, String host) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
