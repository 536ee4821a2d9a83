package org.ams.crypto;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.platform.AmsSettings;

/**
 * The JCA provider that runs the RSA private-key operation for keys the server keeps in software.
 * <p>
 * Opening a stored secret costs one RSA private-key operation, the only expensive step of reading a recovery password
 * and the whole cost of re-encrypting secrets after a rotation. The JDK's RSA (BigInteger) reaches about 0.7 of
 * OpenSSL's rate on x86-64; the Amazon Corretto Crypto Provider runs AWS-LC's assembly behind the ordinary JCA
 * interfaces and is several times faster. It is used when its native library loads and passes its own health check
 * (Linux x86-64), and only for this operation: it is never installed as a global provider, so nothing else in the
 * application server changes. Anywhere else, or with {@value #SETTING}{@code =jdk}, the JDK's SunJCE does the work.
 * <p>
 * The CMS structure and AES-GCM stay in BouncyCastle either way, and HSM keys are never affected: they are used in
 * their token.
 */
public final class RsaEngine {

    /** {@code auto} (the default: the native provider when it loads) or {@code jdk}. */
    public static final String SETTING = "ams.crypto.rsa";

    private static final Logger LOG = Logger.getLogger(RsaEngine.class.getName());

    private RsaEngine() {
    }

    /**
     * @param settings where {@value #SETTING} is read
     * @return the provider for software RSA private-key operations, as chosen by the settings and this platform
     * @throws IllegalArgumentException if {@value #SETTING} has a value other than {@code auto} or {@code jdk}
     */
    public static Provider choose(AmsSettings settings) {
        String choice = settings.get(SETTING, "auto").toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "jdk" -> jdk();
            case "auto" -> choose(RsaEngine::nativeProvider);
            default -> throw new IllegalArgumentException("The setting " + SETTING + " is '" + choice
                    + "'; it must be 'auto' (a native RSA implementation where available) or 'jdk'.");
        };
    }

    /**
     * @param nativeProvider the native provider, or empty where it cannot be used
     * @return it, or the JDK's provider when it is empty
     */
    static Provider choose(Supplier<Optional<Provider>> nativeProvider) {
        Optional<Provider> chosen = nativeProvider.get();
        Provider provider = chosen.orElseGet(RsaEngine::jdk);
        LOG.info(() -> "RSA private-key operations for software keys run in " + provider.getName() + " " + provider.getVersionStr());
        return provider;
    }

    /** The JDK's own provider of RSA-OAEP. */
    static Provider jdk() {
        Provider provider = Security.getProvider("SunJCE");
        if (provider == null) {
            throw new IllegalStateException("The JDK's SunJCE provider is not installed.");
        }
        return provider;
    }

    /** The Amazon Corretto Crypto Provider, if its native library loaded on this platform and it reports healthy. */
    static Optional<Provider> nativeProvider() {
        try {
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider provider =
                    com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loadingError = provider.getLoadingError();
            if (loadingError != null) {
                LOG.log(Level.INFO, "The native RSA implementation is not available on this platform: " + loadingError);
                return Optional.empty();
            }
            provider.assertHealthy();
            return Optional.of(provider);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "The native RSA implementation could not be used; using the JDK's", e);
            return Optional.empty();
        }
    }
}
