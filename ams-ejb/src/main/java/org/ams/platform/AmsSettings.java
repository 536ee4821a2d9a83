package org.ams.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The server's configuration, resolved the way MicroProfile Config resolves it so that an administrator has one mental
 * model: a JVM system property ({@code -Dams.db.url=...}) wins over an environment variable ({@code AMS_DB_URL}),
 * which wins over {@code ams.properties} in the data directory, which wins over the built-in default.
 * <p>
 * The data directory itself ({@code ams.data.dir} / {@code AMS_DATA_DIR}, default {@code ./ams-data}) can only come
 * from the first two, since the file lives inside it.
 * <p>
 * This class is deliberately plain Java: the connection pool instantiates {@link AmsDataSource} before CDI or
 * MicroProfile Config are reliably available to application code.
 */
public final class AmsSettings {

    public static final String DATA_DIR = "ams.data.dir";
    public static final String DB_URL = "ams.db.url";
    public static final String DB_USER = "ams.db.user";
    public static final String DB_PASSWORD = "ams.db.password";
    public static final String ADMIN_PASSWORD = "ams.admin.password";
    public static final String SETTINGS_FILE = "ams.properties";

    private static final Map<Path, FileSnapshot> FILES = new ConcurrentHashMap<>();

    private final Function<String, String> systemProperties;
    private final Map<String, String> environment;

    private AmsSettings(Function<String, String> systemProperties, Map<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Settings as the running JVM sees them. */
    public static AmsSettings current() {
        return new AmsSettings(System::getProperty, System.getenv());
    }

    /** Settings from explicit sources, for tests and tools. */
    public static AmsSettings of(Map<String, String> systemProperties, Map<String, String> environment) {
        return new AmsSettings(systemProperties::get, Map.copyOf(environment));
    }

    /** The environment variable that carries a key: {@code ams.db.url} becomes {@code AMS_DB_URL}. */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public Path dataDirectory() {
        String configured = fromProcess(DATA_DIR).orElse("ams-data");
        return Path.of(configured).toAbsolutePath().normalize();
    }

    public Optional<String> find(String key) {
        return fromProcess(key).or(() -> Optional.ofNullable(settingsFile().getProperty(key)))
                .map(String::trim)
                .filter(value -> !value.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    /** The JDBC URL: PostgreSQL when configured, otherwise the embedded H2 file database in the data directory. */
    public String databaseUrl() {
        return find(DB_URL).orElseGet(() -> DatabaseKind.H2.embeddedUrl(dataDirectory()));
    }

    public String databaseUser() {
        return get(DB_USER, "ams");
    }

    /** Empty for the embedded database, whose only client is this process. */
    public String databasePassword() {
        return get(DB_PASSWORD, "");
    }

    private Optional<String> fromProcess(String key) {
        return Optional.ofNullable(systemProperties.apply(key))
                .or(() -> Optional.ofNullable(environment.get(environmentName(key))))
                .filter(value -> !value.isBlank());
    }

    /**
     * The settings file as last read: read again only when its modification time or size changed, so a lookup the
     * process does not answer costs one file-attribute read, not a parse (a changed file still counts at once).
     */
    private Properties settingsFile() {
        Path file = dataDirectory().resolve(SETTINGS_FILE);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return new Properties();
        }
        FileSnapshot known = FILES.get(file);
        if (known != null && known.modified().equals(attributes.lastModifiedTime())
                && known.size() == attributes.size()) {
            return known.properties();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        FILES.put(file, new FileSnapshot(attributes.lastModifiedTime(), attributes.size(), properties));
        return properties;
    }

    /** A settings file's content and the attributes it had when read; never changed once made. */
    private record FileSnapshot(FileTime modified, long size, Properties properties) {
    }
}
