package org.ams.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
import java.util.Optional;
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
 * {@code master.key} in the data directory. Only the start-up check ({@link MasterKeyCheck}) creates that file, and
 * only for a database that holds nothing sealed yet: a key made anew for a database that has secrets would leave every
 * one of them unreadable. Either way the key must be backed up together with the database (and kept apart from its
 * backups): a database backup alone cannot reveal what it protects, and cannot be used without it.
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

    /**
     * The master key of this installation: the configured one, or the key file in the data directory. Never creates
     * a key; a missing file is refused with the sentence the start-up check would give.
     */
    public static MasterKey load(AmsSettings settings) {
        Optional<MasterKey> key = find(settings);
        if (key.isEmpty()) {
            throw new MasterKeyException("The master key file " + file(settings) + " is missing; restore it from the "
                    + "backup taken together with the database, or set " + AmsSettings.environmentName(SETTING)
                    + " to that key.");
        }
        return key.get();
    }

    /** The configured key, else the key file's, else empty when neither exists. */
    static Optional<MasterKey> find(AmsSettings settings) {
        Optional<String> configured = settings.find(SETTING);
        if (configured.isPresent()) {
            return configured.map(base64 -> decode(base64, AmsSettings.environmentName(SETTING))).map(MasterKey::new);
        }
        Path file = file(settings);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MasterKey(decode(Files.readString(file, StandardCharsets.US_ASCII),
                    "The master key file " + file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the key is configured as a setting rather than kept in the key file. */
    static boolean configured(AmsSettings settings) {
        return settings.find(SETTING).isPresent();
    }

    /** Where the key file is, or would be. */
    public static Path file(AmsSettings settings) {
        return settings.dataDirectory().resolve(FILE_NAME);
    }

    /**
     * Creates the key file with a new random key unless it exists, atomically: two starts racing here end with one
     * file, and each reads the winner's key. For the start-up check of a database with nothing sealed, and for tools
     * that set up a new installation's data directory.
     *
     * @return whether this call made the file (so that a start that loses the database's race may take it back)
     */
    public static boolean createFileIfAbsent(AmsSettings settings) {
        Path file = file(settings);
        if (Files.exists(file)) {
            return false;
        }
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        byte[] encoded = Base64.getEncoder().encode(material);
        Arrays.fill(material, (byte) 0);
        Path pending = null;
        try {
            Files.createDirectories(file.getParent());
            // The key is written completely into a file of its own first and then linked under its name in one
            // step, so that a racing reader never sees an empty or half-written master.key.
            pending = ownerOnlyTempFile(file);
            Files.write(pending, encoded);
            try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(file, pending);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(pending, file);
            }
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the master key file " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
            if (pending != null) {
                try {
                    Files.deleteIfExists(pending);
                } catch (IOException ignored) {
                    // Only the temporary name is left behind; the key file itself is complete either way.
                }
            }
        }
    }

    private static Path ownerOnlyTempFile(Path file) throws IOException {
        try {
            return Files.createTempFile(file.getParent(), FILE_NAME + ".", ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(file.getParent(), FILE_NAME + ".", ".new");
        }
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

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid Base64.");
        }
    }

    /** A sealed value that cannot be opened; the message says what to check and never includes key material. */
    public static class MasterKeyException extends RuntimeException {
        public MasterKeyException(String message) {
            super(message);
        }
    }
}
