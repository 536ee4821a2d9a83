package org.ams.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that protects AMS's own secrets at rest in the database: software private keys of encryption
 * certificates, directory bind passwords, webhook credentials. Not the recovery passwords themselves, which are
 * sealed to the encryption certificate.
 * <p>
 * It comes from {@code ams.master.key} ({@code AMS_MASTER_KEY}: 32 bytes, Base64) when set, otherwise from
 * {@code master.key} in the data directory, created with owner-only permissions on first use. Either way it must be
 * backed up apart from the database: a database backup alone cannot reveal what it protects.
 * <p>
 * Sealing is AES-256-GCM with a random 96-bit nonce; the {@code purpose} is bound as associated data, so a value
 * sealed for one use cannot be passed off as another. Format: version byte 1, nonce, ciphertext with tag.
 */
public final class MasterKey {

    public static final String SETTING = "ams.master.key";
    public static final String FILE_NAME = "master.key";
    private static final byte FORMAT_VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private MasterKey(byte[] material) {
        if (material.length != KEY_BYTES) {
            throw new IllegalStateException("The master key must be " + KEY_BYTES + " bytes (Base64 of 32 random "
                    + "bytes, e.g. 'openssl rand -base64 32'); the configured one has " + material.length + ".");
        }
        this.key = new SecretKeySpec(material, "AES");
        Arrays.fill(material, (byte) 0);
    }

    /** The master key of this installation, creating the key file on first use when none is configured. */
    public static MasterKey load(AmsSettings settings) {
        return settings.find(SETTING)
                .map(MasterKey::decode)
                .map(MasterKey::new)
                .orElseGet(() -> new MasterKey(readOrCreate(settings.dataDirectory().resolve(FILE_NAME))));
    }

    /** For tests and tools that hold the key material themselves. */
    public static MasterKey of(byte[] material) {
        return new MasterKey(material.clone());
    }

    public byte[] seal(byte[] plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_VERSION).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Seals a secret typed as characters (a bind password, a channel's password or headers) as Base64 text for a
     * database column; the UTF-8 bytes in between are wiped.
     */
    public String sealText(char[] secret, String purpose) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
        byte[] plain = new byte[encoded.remaining()];
        encoded.get(plain);
        try {
            return Base64.getEncoder().encodeToString(seal(plain, purpose));
        } finally {
            Arrays.fill(plain, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    /** Opens what {@link #sealText} produced for the same purpose; the caller wipes the characters after use. */
    public char[] openText(String sealedBase64, String purpose) {
        byte[] plain = open(Base64.getDecoder().decode(sealedBase64), purpose);
        try {
            java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] secret = new char[chars.remaining()];
            chars.get(secret);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return secret;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Opens what {@link #seal} produced for the same purpose; a wrong key, purpose or tampering is refused. */
    public byte[] open(byte[] sealed, String purpose) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT_VERSION) {
            throw new MasterKeyException("The stored value is not sealed by this version of AMS.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new MasterKeyException("The stored value cannot be opened with this master key: the key is not "
                    + "the one it was sealed with (check " + AmsSettings.environmentName(SETTING) + " / "
                    + FILE_NAME + ") or the value was altered.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(AmsSettings.environmentName(SETTING) + " is not valid Base64.");
        }
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] material = new byte[KEY_BYTES];
                RANDOM.nextBytes(material);
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, Base64.getEncoder().encode(material), StandardOpenOption.TRUNCATE_EXISTING);
                } catch (FileAlreadyExistsException raced) {
                    // Another thread created it first; read theirs.
                } catch (UnsupportedOperationException notPosix) {
                    Files.write(file, Base64.getEncoder().encode(material), StandardOpenOption.CREATE_NEW);
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    /** A sealed value that cannot be opened; the message says what to check and never includes key material. */
    public static class MasterKeyException extends RuntimeException {
        public MasterKeyException(String message) {
            super(message);
        }
    }
}
