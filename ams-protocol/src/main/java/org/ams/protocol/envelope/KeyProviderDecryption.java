package org.ams.protocol.envelope;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;

import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.OAEPEncoding;

/**
 * Recovers a content-encryption key with an RSA private key that only its own provider can use, such as a
 * non-extractable key in an HSM behind SunPKCS11.
 *
 * <p>The provider's own {@code RSA/ECB/OAEPPadding} is preferred. SunPKCS11 (through at least JDK 21) offers no OAEP
 * cipher at all, so when the provider lacks one, the private-key operation alone runs in the provider
 * ({@code RSA/ECB/NoPadding}, i.e. CKM_RSA_X_509) and BouncyCastle's OAEP decoding, which avoids data-dependent
 * branches, runs in software. The key never leaves the provider either way.
 */
final class KeyProviderDecryption {

    private static final String OAEP = "RSA/ECB/OAEPPadding";
    private static final String RAW_RSA = "RSA/ECB/NoPadding";

    private final Cipher cipher;
    private final OAEPEncoding softwareOaep;

    private KeyProviderDecryption(Cipher cipher, OAEPEncoding softwareOaep) {
        this.cipher = cipher;
        this.softwareOaep = softwareOaep;
    }

    /**
     * @param key the recipient's private key
     * @param provider the provider that holds {@code key}, or {@code null} to let JCA pick the first installed provider
     *        that accepts the key
     * @param oaep the envelope's OAEP parameters
     * @param modulusLength the length of the RSA modulus in bytes, from the recipient certificate
     * @return a decryption ready for one encrypted key
     * @throws EnvelopeException {@link EnvelopeException.Reason#KEY_UNUSABLE} if no provider can decrypt with the key
     */
    static KeyProviderDecryption forKey(PrivateKey key, Provider provider, RsaOaep oaep, int modulusLength) throws EnvelopeException {
        try {
            Cipher cipher = provider == null ? Cipher.getInstance(OAEP) : Cipher.getInstance(OAEP, provider);
            cipher.init(Cipher.DECRYPT_MODE, key, oaep.parameterSpec());
            return new KeyProviderDecryption(cipher, null);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException | InvalidKeyException | InvalidAlgorithmParameterException
                 | ProviderException e) {
            return withSoftwareOaep(key, provider, oaep, modulusLength);
        }
    }

    /** The fallback path on its own, so tests can exercise it with a provider that does offer OAEP. */
    static KeyProviderDecryption withSoftwareOaep(PrivateKey key, Provider provider, RsaOaep oaep, int modulusLength)
            throws EnvelopeException {
        try {
            Cipher raw = provider == null ? Cipher.getInstance(RAW_RSA) : Cipher.getInstance(RAW_RSA, provider);
            raw.init(Cipher.DECRYPT_MODE, key);
            OAEPEncoding encoding = new OAEPEncoding(new RawRsa(raw, modulusLength), oaep.newDigest(), oaep.newMgfDigest(), null);
            encoding.init(false, null);
            return new KeyProviderDecryption(raw, encoding);
        } catch (GeneralSecurityException | ProviderException e) {
            String where = provider == null ? "any installed provider" : "provider " + provider.getName();
            throw new EnvelopeException(EnvelopeException.Reason.KEY_UNUSABLE,
                    "the private key cannot be used for RSA decryption by " + where
                            + "; build the decryptor with the key's provider (EnvelopeDecryptor.builder().keyProvider(...))", e);
        }
    }

    /**
     * @param encryptedKey the encrypted content-encryption key from the KeyTransRecipientInfo
     * @return the content-encryption key; the caller wipes it
     * @throws GeneralSecurityException if the provider or OAEP decoding rejects it
     */
    byte[] decrypt(byte[] encryptedKey) throws GeneralSecurityException {
        if (softwareOaep == null) {
            return cipher.doFinal(encryptedKey);
        }
        try {
            return softwareOaep.decodeBlock(encryptedKey, 0, encryptedKey.length);
        } catch (InvalidCipherTextException e) {
            throw new GeneralSecurityException("OAEP decoding failed", e);
        }
    }

    /** Presents a JCA raw-RSA cipher as the lightweight engine {@link OAEPEncoding} decodes from. */
    private static final class RawRsa implements AsymmetricBlockCipher {

        private final Cipher cipher;
        private final int modulusLength;

        RawRsa(Cipher cipher, int modulusLength) {
            this.cipher = cipher;
            this.modulusLength = modulusLength;
        }

        @Override
        public void init(boolean forEncryption, CipherParameters parameters) {
            if (forEncryption) {
                throw new IllegalStateException("only decryption is done with the provider's key");
            }
        }

        @Override
        public int getInputBlockSize() {
            return modulusLength;
        }

        @Override
        public int getOutputBlockSize() {
            return modulusLength - 1;
        }

        @Override
        public byte[] processBlock(byte[] in, int offset, int length) throws InvalidCipherTextException {
            byte[] block;
            try {
                block = cipher.doFinal(in, offset, length);
            } catch (GeneralSecurityException e) {
                throw new InvalidCipherTextException("raw RSA decryption failed", e);
            }
            // An OAEP block starts with a zero byte that providers keep and BouncyCastle's own RSA engine drops;
            // drop it the same way so OAEPEncoding sees what it expects. A non-zero first byte is left in place and
            // makes the block one byte too long, which OAEPEncoding rejects in its constant-time check.
            if (block.length == modulusLength && block[0] == 0) {
                byte[] trimmed = Arrays.copyOfRange(block, 1, block.length);
                Arrays.fill(block, (byte) 0);
                return trimmed;
            }
            return block;
        }
    }
}
