package org.ams.crypto;

import java.security.Provider;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.platform.AmsSettings;

/**
 * The native JCA provider for the server's hot public-key operations: the RSA private-key operation that opens every
 * stored secret (each password shown, each secret re-encrypted in a rotation, each uploaded key checked), and the
 * ECDSA verification of every agent call's device assertion.
 * <p>
 * The JDK's RSA (BigInteger) reaches about half of OpenSSL's rate on x86-64, and its P-256 verification costs more
 * than a millisecond. The Amazon Corretto Crypto Provider runs AWS-LC's assembly behind the ordinary JCA interfaces
 * and is several times faster at both. It is used when its native library loads and passes its own health check
 * (Linux x86-64), and only where AMS hands it over explicitly: it is never installed as a global provider, so
 * nothing else in the application server changes. Anywhere else, or with {@value #SETTING}{@code =jdk}, callers use
 * the JDK's providers as before.
 * <p>
 * HSM keys are never affected: they are used in their token.
 */
public final class CryptoEngine {

    /** {@code auto} (the default: the native provider when it loads) or {@code jdk}. */
    public static final String SETTING = "ams.crypto.provider";

    private static final Logger LOG = Logger.getLogger(CryptoEngine.class.getName());

    private CryptoEngine() {
    }

    /**
     * @param settings where {@value #SETTING} is read
     * @return the native provider, when the settings allow it and it works on this platform; empty means: use the
     *         JDK's providers
     * @throws IllegalArgumentException if {@value #SETTING} has a value other than {@code auto} or {@code jdk}
     */
    public static Optional<Provider> nativeProvider(AmsSettings settings) {
        return nativeProvider(settings.get(SETTING, "auto"), Loaded::provider);
    }

    static Optional<Provider> nativeProvider(String setting, Supplier<Optional<Provider>> loader) {
        String choice = setting.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "jdk" -> Optional.empty();
            case "auto" -> loader.get();
            default -> throw new IllegalArgumentException("The setting " + SETTING + " is '" + setting
                    + "'; it must be 'auto' (a native implementation where available) or 'jdk'.");
        };
    }

    /** Loads the native provider once per class loader, and says once what was found. */
    private static final class Loaded {

        private static final Optional<Provider> PROVIDER = load();

        static Optional<Provider> provider() {
            return PROVIDER;
        }

        private static Optional<Provider> load() {
            try {
                com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider provider =
                        com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
                Throwable loadingError = provider.getLoadingError();
                if (loadingError != null) {
                    LOG.info("Native cryptography is not available on this platform (" + loadingError
                            + "); the JDK's providers do the work.");
                    return Optional.empty();
                }
                provider.assertHealthy();
                LOG.info("RSA private-key operations and ECDSA verification run in " + provider.getName() + " "
                        + provider.getVersionStr() + " (native).");
                return Optional.of(provider);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Native cryptography could not be used; the JDK's providers do the work", e);
                return Optional.empty();
            }
        }
    }
}
