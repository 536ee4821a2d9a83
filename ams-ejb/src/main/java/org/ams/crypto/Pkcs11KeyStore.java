package org.ams.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.platform.AmsSettings;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeException;

/**
 * Private keys inside a PKCS#11 token (an HSM, or SoftHSM in tests) through the JDK's SunPKCS11 provider. Keys are
 * generated inside the token as sensitive and non-extractable; decryption happens in the token, only the OAEP decoding
 * of its output runs in software.
 * <p>
 * Configured by {@value #LIBRARY} (default {@value #DEFAULT_LIBRARY}), the token by {@value #SLOT} (its slot id),
 * {@value #TOKEN_LABEL} (its label, looked up by {@link Pkcs11Slots}) or {@value #SLOT_INDEX} (its position in the slot
 * list, default 0), in that order, and {@value #PIN} (the user PIN; its presence switches the HSM on). The provider is
 * created on first use and kept; after a failure (module missing, wrong PIN) the next use tries again, so fixing the
 * configuration needs no restart.
 * <p>
 * A token that goes away under a logged-in provider (unplugged, restarted, its session closed or logged out) fails
 * every operation of that provider from then on. So when an operation fails inside the provider, the store drops it,
 * logs in anew and tries the operation once more; only if that fails too is the HSM reported unavailable.
 */
@ApplicationScoped
public class Pkcs11KeyStore implements PrivateKeyStore {

    public static final String LIBRARY = "ams.hsm.library";
    public static final String SLOT = "ams.hsm.slot";
    public static final String SLOT_INDEX = "ams.hsm.slot-index";
    public static final String TOKEN_LABEL = "ams.hsm.token-label";
    public static final String PIN = "ams.hsm.pin";
    static final String DEFAULT_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PKCS11_EXCEPTION = "sun.security.pkcs11.wrapper.PKCS11Exception";
    private static final Logger LOG = Logger.getLogger(Pkcs11KeyStore.class.getName());

    private Token token;

    /** A logged-in token: the configured provider and its key store. */
    private record Token(Provider provider, KeyStore keyStore, EnvelopeDecryptor decryptor) {
    }

    /** Work done with the logged-in token, repeated once on a fresh login if the provider fails. */
    @FunctionalInterface
    private interface TokenWork<T, E extends Exception> {
        T apply(Token token) throws E;
    }

    @Override
    public KeyStorage storage() {
        return KeyStorage.PKCS11;
    }

    /** Whether an HSM is configured at all (a PIN is set). */
    public boolean configured() {
        return AmsSettings.current().find(PIN).isPresent();
    }

    /** The module path in use, for the page. */
    public String library() {
        return AmsSettings.current().get(LIBRARY, DEFAULT_LIBRARY);
    }

    /**
     * Generates an RSA key pair inside the token, non-extractable, and stores a self-signed encryption certificate
     * for it under {@code alias}, signed inside the token.
     */
    synchronized EncryptionCredential generate(String alias, String commonName, int keyBits, Duration validity) {
        return withToken(current -> {
            try {
                if (current.keyStore().containsAlias(alias)) {
                    throw new CertificateRefusedException("The HSM already holds a key named '" + alias + "'.");
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", current.provider());
                generator.initialize(new RSAKeyGenParameterSpec(keyBits, RSAKeyGenParameterSpec.F4));
                KeyPair pair = generator.generateKeyPair();
                X509Certificate certificate = EncryptionCertificates.selfSigned(pair.getPublic(), pair.getPrivate(),
                        current.provider(), commonName, validity, Clock.systemUTC());
                // Stores the certificate beside the key and gives both the alias as CKA_LABEL and a shared CKA_ID.
                current.keyStore().setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {certificate});
                return new EncryptionCredential(pair.getPrivate(), certificate);
            } catch (GeneralSecurityException | ProviderException e) {
                throw new HsmUnavailableException("The HSM could not generate the key '" + alias + "': "
                        + rootMessage(e), e);
            }
        });
    }

    /** An existing key and certificate in the token, checked to be fit for encryption. */
    synchronized EncryptionCredential existing(String alias) {
        return withToken(current -> {
            try {
                Key key = current.keyStore().getKey(alias, null);
                Certificate certificate = current.keyStore().getCertificate(alias);
                if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                    throw new CertificateRefusedException("The HSM holds no private key with a certificate under the "
                            + "alias '" + alias + "'. Aliases in the token: "
                            + Collections.list(current.keyStore().aliases()));
                }
                if (!"RSA".equals(privateKey.getAlgorithm()) || !(x509.getPublicKey() instanceof RSAPublicKey rsa)) {
                    throw new CertificateRefusedException("The key '" + alias + "' is a " + privateKey.getAlgorithm()
                            + " key; AMS encrypts only to RSA keys.");
                }
                if (rsa.getModulus().bitLength() < EncryptionCertificates.MIN_RSA_KEY_BITS) {
                    throw new CertificateRefusedException("The key '" + alias + "' has " + rsa.getModulus().bitLength()
                            + " bits; at least " + EncryptionCertificates.MIN_RSA_KEY_BITS + " are required.");
                }
                return new EncryptionCredential(privateKey, x509);
            } catch (GeneralSecurityException | ProviderException e) {
                throw new HsmUnavailableException("The HSM could not read the key '" + alias + "': " + rootMessage(e), e);
            }
        });
    }

    @Override
    public synchronized PrivateKey privateKey(EncryptionCertificate certificate) {
        checkInToken(certificate);
        return withToken(current -> keyOf(current, certificate));
    }

    @Override
    public synchronized EnvelopeDecryptor decryptor() {
        return token().decryptor();
    }

    @Override
    public synchronized <T> T decrypt(EncryptionCertificate certificate, Decryption<T> decryption) throws EnvelopeException {
        checkInToken(certificate);
        return withToken(current -> decryption.apply(current.decryptor(), keyOf(current, certificate)));
    }

    private static void checkInToken(EncryptionCertificate certificate) {
        if (certificate.getKeyStorage() != KeyStorage.PKCS11) {
            throw new IllegalArgumentException(certificate + " does not keep its key in the HSM");
        }
    }

    private static PrivateKey keyOf(Token current, EncryptionCertificate certificate) {
        Key key;
        try {
            key = current.keyStore().getKey(certificate.getTokenKeyAlias(), null);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new HsmUnavailableException("The HSM could not provide the key '" + certificate.getTokenKeyAlias()
                    + "': " + rootMessage(e), e);
        }
        if (key instanceof PrivateKey privateKey) {
            return privateKey;
        }
        // A private key is invisible to a session that is no longer logged in, so this too may be a lost login.
        throw new HsmUnavailableException("The HSM no longer holds the key '" + certificate.getTokenKeyAlias()
                + "' of the certificate " + certificate.getSubject() + ".", new ProviderException("no such private key is visible to the session"));
    }

    /**
     * Runs {@code work} with the logged-in token; if the provider fails during it (not the login, and not a refusal
     * such as an unknown alias or an altered envelope), logs in anew and runs it once more.
     */
    private <T, E extends Exception> T withToken(TokenWork<T, E> work) throws E {
        Token current = token();
        try {
            return work.apply(current);
        } catch (Exception e) {
            if (!providerFailed(e)) {
                throw e;
            }
            LOG.log(Level.WARNING, "The PKCS#11 token failed (" + rootMessage(e) + "); logging in to it again.");
            token = null;
        }
        Token fresh = token();
        try {
            return work.apply(fresh);
        } catch (Exception e) {
            if (!providerFailed(e)) {
                throw e;
            }
            token = null;
            throw new HsmUnavailableException("The HSM still fails after AMS logged in to it again: " + rootMessage(e)
                    + ". Check that the token is present and that the PKCS#11 module works.", e);
        }
    }

    /**
     * Whether the provider (the module or the token behind it) failed, as opposed to refusing what it was given: a
     * {@link ProviderException}, or a PKCS#11 error code (SunPKCS11 wraps some, such as a session no longer logged in,
     * in an {@code InvalidKeyException}; its exception class is internal to the JDK, hence the name).
     */
    private static boolean providerFailed(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProviderException || PKCS11_EXCEPTION.equals(cause.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private Token token() {
        if (token == null) {
            token = login(AmsSettings.current());
        }
        return token;
    }

    private static Token login(AmsSettings settings) {
        char[] pin = settings.find(PIN).map(String::toCharArray).orElseThrow(() -> new HsmUnavailableException(
                "No HSM is configured: set " + PIN + " (" + AmsSettings.environmentName(PIN) + "), and "
                        + LIBRARY + " and " + SLOT + " if the defaults do not fit."));
        String library = settings.get(LIBRARY, DEFAULT_LIBRARY);
        if (!Files.isReadable(Path.of(library))) {
            throw new HsmUnavailableException("The PKCS#11 module " + library + " cannot be loaded: the file does not "
                    + "exist or cannot be read. Check " + LIBRARY + ".");
        }
        String slotLine = slotLine(settings, library);
        // Keys the token generates are token objects (they survive a restart), private, sensitive and
        // non-extractable, like keys generated on a real HSM's own console.
        String configuration = String.join("\n",
                "--name = AmsHsm",
                "library = " + library,
                slotLine,
                "attributes(generate, CKO_PRIVATE_KEY, *) = {",
                "  CKA_TOKEN = true",
                "  CKA_PRIVATE = true",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "}",
                "attributes(generate, CKO_PUBLIC_KEY, *) = {",
                "  CKA_TOKEN = true",
                "}",
                "");
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(configuration);
        } catch (ProviderException | IllegalArgumentException e) {
            throw new HsmUnavailableException("The PKCS#11 module " + library + " could not be loaded or has no such "
                    + "slot (" + slotLine + "): " + rootMessage(e), e);
        }
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            LOG.info(() -> "Logged in to the PKCS#11 token of " + library + " (" + slotLine + ").");
            return new Token(provider, keyStore, EnvelopeDecryptor.builder().keyProvider(provider).build());
        } catch (IOException e) {
            throw new HsmUnavailableException("The HSM refused the PIN (" + PIN + "), or the token is locked.", e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new HsmUnavailableException("The HSM token could not be opened: " + rootMessage(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** The SunPKCS11 configuration line that selects the token: by slot id, by token label, or by slot-list index. */
    private static String slotLine(AmsSettings settings, String library) {
        Optional<String> slot = settings.find(SLOT);
        if (slot.isPresent()) {
            return "slot = " + slot.get();
        }
        Optional<String> label = settings.find(TOKEN_LABEL);
        if (label.isPresent()) {
            return "slot = " + Pkcs11Slots.findByTokenLabel(library, label.get()).map(Pkcs11Slots.Slot::id)
                    .orElseThrow(() -> new HsmUnavailableException("No token of the PKCS#11 module " + library
                            + " has the label '" + label.get().strip() + "' (" + TOKEN_LABEL + "). Tokens present: "
                            + Pkcs11Slots.withTokens(library).stream().map(t -> "'" + t.tokenLabel() + "'").toList()
                            + "."));
        }
        return "slotListIndex = " + settings.get(SLOT_INDEX, "0");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
