package org.ams.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * The id Windows gives a volume, its GUID path: {@code \\?\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\}
 * ({@code Win32_EncryptableVolume.DeviceID}). Nothing else is accepted, so that the server never stores, shows or
 * exports text an agent made up in its place.
 */
public final class VolumeId {

    private static final String PREFIX = "\\\\?\\Volume{";

    /** The length of the canonical form: prefix, GUID, closing brace and backslash. */
    public static final int LENGTH = PREFIX.length() + Guids.LENGTH + 2;
    private static final String EXPECTED_FORM =
            "a volume id is a volume GUID path such as \\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\";

    private final String canonical;

    private VolumeId(String canonical) {
        this.canonical = canonical;
    }

    /**
     * Parses a volume GUID path, with or without its trailing backslash, hex digits in any case, surrounding
     * whitespace ignored.
     *
     * @param text the volume id
     * @return the volume id in the form Windows writes it (lower-case GUID, trailing backslash)
     * @throws InvalidVolumeIdException if the text is not a volume GUID path; the message does not echo it
     */
    public static VolumeId parse(String text) {
        Objects.requireNonNull(text, "text");
        String path = text.strip();
        if (path.endsWith("\\")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.length() != LENGTH - 1 || !path.startsWith(PREFIX) || !path.endsWith("}")) {
            throw new InvalidVolumeIdException(EXPECTED_FORM);
        }
        String guid = path.substring(PREFIX.length(), path.length() - 1);
        if (!Guids.isGuid(guid)) {
            throw new InvalidVolumeIdException(EXPECTED_FORM);
        }
        return new VolumeId(PREFIX + guid.toLowerCase(Locale.ROOT) + "}\\");
    }

    /** @return the canonical form, e.g. {@code \\?\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\} */
    public String value() {
        return canonical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VolumeId that && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** @return the canonical form; volume ids are not secret */
    @Override
    public String toString() {
        return canonical;
    }
}
