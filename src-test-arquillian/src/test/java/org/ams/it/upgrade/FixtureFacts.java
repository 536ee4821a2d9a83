package org.ams.it.upgrade;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the upgrade fixture left in the database and what a verifier may expect of it, kept as
 * {@value #FILE_NAME} next to the server's data directory. It holds ids, names and expected outcomes, and for every
 * secret only the SHA-256 of its plaintext: never a password, key or recovery password in the clear.
 * <p>
 * A few test-only inputs the product itself keeps only as a hash (local account passwords, a registration key) must
 * be typed in again to prove they still work; those are kept sealed with the installation's master key under
 * {@value #SEALED_PURPOSE} ({@code *.sealed}), which only the server holding the data directory can open.
 * <p>
 * Keys are {@code <kind>.<handle>.<attribute>}; {@link #handles(String)} lists the handles of a kind.
 */
public final class FixtureFacts {

    public static final String FILE_NAME = "upgrade-fixture.properties";
    /** The master-key purpose the fixture's own test-only inputs are sealed under. */
    public static final String SEALED_PURPOSE = "upgrade-fixture-input";

    private final Map<String, String> values = new TreeMap<>();

    /** The file beside a data directory, where the fixture writes it and the verifier reads it. */
    public static Path fileFor(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().normalize().getParent().resolve(FILE_NAME);
    }

    public static FixtureFacts read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upgrade fixture's facts " + file, e);
        }
        FixtureFacts facts = new FixtureFacts();
        properties.stringPropertyNames().forEach(key -> facts.values.put(key, properties.getProperty(key)));
        return facts;
    }

    public void write(Path file) {
        // Properties.store writes entrySet() in its order: sorted here, so the file reads kind by kind.
        Properties properties = new Properties() {
            @Override
            public Set<Map.Entry<Object, Object>> entrySet() {
                Set<Map.Entry<Object, Object>> sorted = new LinkedHashSet<>();
                values.forEach((key, value) -> sorted.add(Map.entry(key, value)));
                return sorted;
            }
        };
        properties.putAll(values);
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(out, "AMS upgrade fixture: ids, names, expected outcomes and SHA-256 digests only");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the upgrade fixture's facts " + file, e);
        }
    }

    public FixtureFacts put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("The upgrade fixture's facts have no " + key);
        }
        return value;
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public UUID id(String key) {
        return UUID.fromString(get(key));
    }

    public long number(String key) {
        return Long.parseLong(get(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** A comma-separated value as a list; an empty value is an empty list. */
    public List<String> list(String key) {
        String value = get(key, "");
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
    }

    /** The handles of one kind: for {@code account}, every {@code x} of the keys {@code account.x.*}. */
    public List<String> handles(String kind) {
        String prefix = kind + ".";
        TreeSet<String> handles = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                handles.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return List.copyOf(handles);
    }

    /** Lower-case hex SHA-256, the form every secret appears in here. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of a char array's UTF-8 form, without making a String of it. */
    public static String sha256(char[] text) {
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return sha256(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
