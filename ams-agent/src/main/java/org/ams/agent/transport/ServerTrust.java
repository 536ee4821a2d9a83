package org.ams.agent.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the agent decides the server is the right one. Three ways, in the order an administrator would reach for them:
 * a pinned SHA-256 fingerprint of the server's certificate (what AMS prints at start-up; right for self-signed
 * servers), a trust store holding an internal CA, or the JVM's default CAs.
 */
public final class ServerTrust {

    private final SSLContext sslContext;
    private final String description;

    private ServerTrust(SSLContext sslContext, String description) {
        this.sslContext = sslContext;
        this.description = description;
    }

    public static ServerTrust pinned(String sha256Fingerprint) {
        byte[] pin = parseFingerprint(sha256Fingerprint);
        return new ServerTrust(context(new PinnedTrustManager(pin)), "pinned certificate " + format(pin));
    }

    public static ServerTrust trustStore(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(file.toString().toLowerCase(Locale.ROOT).endsWith(".jks")
                    ? "JKS" : "PKCS12");
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return new ServerTrust(context, "trust store " + file);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    public static ServerTrust systemDefault() {
        try {
            return new ServerTrust(SSLContext.getDefault(), "the system's certificate authorities");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public String description() {
        return description;
    }

    /** Accepts {@code AB:CD:...}, {@code abcd...} or with spaces: 32 bytes of hex either way. */
    static byte[] parseFingerprint(String text) {
        String hex = text == null ? "" : text.replaceAll("[:\\s]", "");
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException("A SHA-256 fingerprint is 64 hexadecimal digits, optionally in pairs "
                    + "separated by ':' (as AMS prints it at start-up).");
        }
        return HexFormat.of().parseHex(hex);
    }

    static String format(byte[] fingerprint) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint);
    }

    private static SSLContext context(TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Trusts exactly the certificate with the pinned fingerprint. Host names are not checked: the pin identifies the
     * server more tightly than a name would, and self-signed servers are often reached by a name not in their
     * certificate.
     */
    static final class PinnedTrustManager extends X509ExtendedTrustManager {

        private final byte[] pin;

        PinnedTrustManager(byte[] pin) {
            this.pin = pin.clone();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("The server presented no certificate.");
            }
            byte[] actual;
            try {
                actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
            if (!MessageDigest.isEqual(pin, actual)) {
                throw new CertificateException("The server's certificate fingerprint is " + format(actual)
                        + ", not the pinned " + format(pin) + ". If the server's certificate was replaced on "
                        + "purpose, register again with the new fingerprint.");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("The agent does not accept client connections.");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
