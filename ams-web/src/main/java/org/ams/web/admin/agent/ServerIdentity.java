package org.ams.web.admin.agent;

import jakarta.faces.context.ExternalContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.web.PublicUrl;

/**
 * What an administrator tells the agents about this server: the URL to register with and the SHA-256 fingerprint
 * of its TLS certificate to pin. The fingerprint comes from the key store the launcher configured; on an application
 * server that manages its own TLS it is unknown here.
 */
final class ServerIdentity {

    private static final Logger LOG = Logger.getLogger(ServerIdentity.class.getName());

    private ServerIdentity() {
    }

    static String serverUrl(ExternalContext external) {
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        return PublicUrl.of(request.isSecure() ? "https" : "http", request.getServerName(), request.getServerPort());
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
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The page then says the fingerprint is unknown; the log says why.
            LOG.log(Level.WARNING, "Could not read the TLS certificate's fingerprint from " + location, e);
            return Optional.empty();
        }
    }
}
