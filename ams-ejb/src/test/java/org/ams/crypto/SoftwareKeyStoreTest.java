package org.ams.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("software keys: sealed with the master key, used in the native RSA provider where it loads")
class SoftwareKeyStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static EncryptionCredential credential;
    private static RecoveryPassword password;
    private static byte[] envelope;

    @BeforeAll
    static void seal() throws Exception {
        credential = EncryptionCertificates.generate("AMS key store test", 2048, Duration.ofDays(30));
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        RANDOM.nextBytes(key);
        password = RecoveryPassword.fromKeyBytes(key);
        envelope = new EnvelopeEncryptor().seal(password, credential.certificate());
    }

    @Test
    @DisplayName("on Linux x86-64 the native provider loads and is used by default; 'jdk' leaves the work to the JDK")
    void choice() {
        boolean linuxX64 = System.getProperty("os.name").startsWith("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        assertEquals(linuxX64 ? "AmazonCorrettoCryptoProvider" : "SunJCE", chosen().getName(),
                "the build machine and CI are Linux x86-64, where the native provider must load");
        assertEquals(Optional.empty(), CryptoEngine.nativeProvider(settings(Map.of(CryptoEngine.SETTING, "JDK"))));
        assertEquals(Optional.empty(), CryptoEngine.nativeProvider("jdk", () -> {
            throw new AssertionError("with 'jdk' the native provider is not even loaded");
        }));
        assertEquals(Optional.empty(), CryptoEngine.nativeProvider("auto", Optional::empty), "unavailable: the JDK's");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CryptoEngine.nativeProvider(settings(Map.of(CryptoEngine.SETTING, "fastest"))));
        assertTrue(refused.getMessage().contains("'auto'") && refused.getMessage().contains("'jdk'"), refused.getMessage());
    }

    @Test
    @DisplayName("both providers open the envelope to the same password, again and again from the cached key")
    void opensWithEitherProvider() throws Exception {
        for (Provider provider : List.of(chosen(), SoftwareKeyStore.jdkRsa())) {
            SoftwareKeyStore store = store(provider);
            EncryptionCertificate stored = stored(store);
            for (int i = 0; i < 3; i++) {
                assertTrue(password.equals(open(store, stored, envelope)), "opened with " + provider.getName());
            }
        }
    }

    @Test
    @DisplayName("the key's provider refuses an altered encrypted key; nothing of the content is returned")
    void alteredKeyRefused() throws Exception {
        byte[] altered = withEncryptedKeyByteFlipped(envelope, 100);
        for (Provider provider : List.of(chosen(), SoftwareKeyStore.jdkRsa())) {
            SoftwareKeyStore store = store(provider);
            EncryptionCertificate stored = stored(store);
            EnvelopeException refused = assertThrows(EnvelopeException.class, () -> open(store, stored, altered));
            assertEquals(EnvelopeException.Reason.DECRYPTION_FAILED, refused.reason(), provider.getName());
        }
    }

    @Test
    @DisplayName("a key from elsewhere (an import being checked) is used by the store's decryptor too")
    void foreignKey() throws Exception {
        SoftwareKeyStore store = store(chosen());
        assertTrue(password.equals(store.decryptor().openRecoveryPassword(envelope, credential.privateKey(),
                credential.certificate())));
    }

    @Test
    @DisplayName("the exported key is a JDK key equal to the original, and the sealed form is not the key")
    void exportAndSealing() throws Exception {
        SoftwareKeyStore store = store(chosen());
        byte[] sealed = store.seal(credential.privateKey());
        byte[] pkcs8 = credential.privateKey().getEncoded();
        assertFalse(containsRun(sealed, Arrays.copyOfRange(pkcs8, 40, 72)), "the sealed form does not hold the key bytes");
        EncryptionCertificate stored = EncryptionCertificate.withSoftwareKey(credential.certificate(), sealed,
                CertificateOrigin.GENERATED);
        assertTrue(Arrays.equals(pkcs8, store.privateKey(stored).getEncoded()));
    }

    @Test
    @DisplayName("a key sealed under another master key cannot be used")
    void otherMasterKey() {
        SoftwareKeyStore store = store(SoftwareKeyStore.jdkRsa());
        EncryptionCertificate stored = stored(store);
        SoftwareKeyStore other = store(SoftwareKeyStore.jdkRsa());
        assertThrows(RuntimeException.class, () -> open(other, stored, envelope));
    }

    private static RecoveryPassword open(SoftwareKeyStore store, EncryptionCertificate stored, byte[] der)
            throws EnvelopeException {
        AtomicReference<RecoveryPassword> opened = new AtomicReference<>();
        store.decrypt(stored, (decryptor, key) -> {
            opened.set(decryptor.openRecoveryPassword(der, key, credential.certificate()));
            return null;
        });
        return opened.get();
    }

    /** What the server uses: the native provider where it loads, else the JDK's. */
    private static Provider chosen() {
        return CryptoEngine.nativeProvider(settings(Map.of())).orElseGet(SoftwareKeyStore::jdkRsa);
    }

    private static SoftwareKeyStore store(Provider provider) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return new SoftwareKeyStore(MasterKey.of(material), provider);
    }

    private static EncryptionCertificate stored(SoftwareKeyStore store) {
        return EncryptionCertificate.withSoftwareKey(credential.certificate(), store.seal(credential.privateKey()),
                CertificateOrigin.GENERATED);
    }

    private static AmsSettings settings(Map<String, String> properties) {
        return AmsSettings.of(properties, Map.of());
    }

    /** The envelope with one byte of its RSA-encrypted content key changed, everything else as it was. */
    private static byte[] withEncryptedKeyByteFlipped(byte[] der, int index) throws Exception {
        ContentInfo info = ContentInfo.getInstance(der);
        AuthEnvelopedData data = AuthEnvelopedData.getInstance(info.getContent());
        KeyTransRecipientInfo recipient = (KeyTransRecipientInfo) RecipientInfo.getInstance(
                data.getRecipientInfos().getObjectAt(0)).getInfo();
        byte[] encryptedKey = recipient.getEncryptedKey().getOctets();
        encryptedKey[index] ^= 0x01;
        KeyTransRecipientInfo altered = new KeyTransRecipientInfo(recipient.getRecipientIdentifier(),
                recipient.getKeyEncryptionAlgorithm(), new DEROctetString(encryptedKey));
        AuthEnvelopedData rebuilt = new AuthEnvelopedData(data.getOriginatorInfo(), new DERSet(new RecipientInfo(altered)),
                data.getAuthEncryptedContentInfo(), data.getAuthAttrs(), data.getMac(), data.getUnauthAttrs());
        return new ContentInfo(info.getContentType(), rebuilt).getEncoded(ASN1Encoding.DER);
    }

    private static boolean containsRun(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
