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
import java.util.logging.Logger;
import org.ams.platform.AmsSettings;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;

/**
 * Private keys inside a PKCS#11 token (an HSM, or SoftHSM in tests) through the JDK's SunPKCS11 provider. Keys are
 * generated inside the token as sensitive and non-extractable; decryption happens in the token, only the OAEP decoding
 * of its output runs in software.
 * <p>
 * Configured by {@value #LIBRARY} (default {@value #DEFAULT_LIBRARY}), {@value #SLOT} (the token's slot id) or
 * {@value #SLOT_INDEX} (its position in the slot list, default 0), and {@value #PIN} (the user PIN; its presence
 * switches the HSM on). The provider is created on first use and kept; after a failure (module missing, wrong PIN) the
 * next use tries again, so fixing the configuration needs no restart.
 */
@ApplicationScoped
public class Pkcs11KeyStore implements PrivateKeyStore {

    public static final String LIBRARY = "ams.hsm.library";
    public static final String SLOT = "ams.hsm.slot";
    public static final String SLOT_INDEX = "ams.hsm.slot-index";
    public static final String PIN = "ams.hsm.pin";
    static final String DEFAULT_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final Logger LOG = Logger.getLogger(Pkcs11KeyStore.class.getName());

    private Token token;

    /** A logged-in token: the configured provider and its key store. */
    private record Token(Provider provider, KeyStore keyStore, EnvelopeDecryptor decryptor) {
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
        Token current = token();
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
            throw new HsmUnavailableException("The HSM could not generate the key '" + alias + "': " + e.getMessage(), e);
        }
    }

    /** An existing key and certificate in the token, checked to be fit for encryption. */
    synchronized EncryptionCredential existing(String alias) {
        Token current = token();
        try {
            Key key = current.keyStore().getKey(alias, null);
            Certificate certificate = current.keyStore().getCertificate(alias);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw new CertificateRefusedException("The HSM holds no private key with a certificate under the "
                        + "alias '" + alias + "'. Aliases in the token: " + Collections.list(current.keyStore().aliases()));
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
            throw new HsmUnavailableException("The HSM could not read the key '" + alias + "': " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized PrivateKey privateKey(EncryptionCertificate certificate) {
        if (certificate.getKeyStorage() != KeyStorage.PKCS11) {
            throw new IllegalArgumentException(certificate + " does not keep its key in the HSM");
        }
        try {
            Key key = token().keyStore().getKey(certificate.getTokenKeyAlias(), null);
            if (key instanceof PrivateKey privateKey) {
                return privateKey;
            }
        } catch (GeneralSecurityException | ProviderException e) {
            throw new HsmUnavailableException("The HSM could not provide the key '" + certificate.getTokenKeyAlias()
                    + "': " + e.getMessage(), e);
        }
        throw new HsmUnavailableException("The HSM no longer holds the key '" + certificate.getTokenKeyAlias()
                + "' of the certificate " + certificate.getSubject() + ".");
    }

    @Override
    public synchronized EnvelopeDecryptor decryptor() {
        return token().decryptor();
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
        Optional<String> slot = settings.find(SLOT);
        String slotLine = slot.map(id -> "slot = " + id).orElseGet(() -> "slotListIndex = " + settings.get(SLOT_INDEX, "0"));
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
