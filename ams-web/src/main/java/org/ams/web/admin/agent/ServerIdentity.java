package org.ams.web.admin.agent;

import jakarta.faces.context.ExternalContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Optional;
import org.ams.platform.AmsSettings;

/**
 * What an administrator tells the agents about this server: the URL to register with and the SHA-256 fingerprint
 * of its TLS certificate to pin. The fingerprint comes from the key store the launcher configured; on an application
 * server that manages its own TLS it is unknown here.
 */
final class ServerIdentity {

    static final String PUBLIC_URL = "ams.public.url";

    private ServerIdentity() {
    }

    static String serverUrl(ExternalContext external) {
        return AmsSettings.current().find(PUBLIC_URL).orElseGet(() -> {
            HttpServletRequest request = (HttpServletRequest) external.getRequest();
            String httpsPort = System.getenv().getOrDefault("AMS_HTTPS_PORT", "8443");
            String host = request.getServerName();
            return request.isSecure()
                    ? "https://" + host + (request.getServerPort() == 443 ? "" : ":" + request.getServerPort())
                    : "https://" + host + ":" + httpsPort;
        });
    }

    static Optional<String> tlsFingerprint() {
        String location = System.getProperty("javax.net.ssl.keyStore");
        String password = System.getProperty("javax.net.ssl.keyStorePassword");
        if (location == null || password == null || !Files.isReadable(Path.of(location))) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(System.getProperty("javax.net.ssl.keyStoreType", "PKCS12"));
            store.load(in, password.toCharArray());
            String alias = store.containsAlias("ams") ? "ams" : Collections.list(store.aliases()).get(0);
            Certificate certificate = store.getCertificate(alias);
            return Optional.of(HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
