package org.ams.protocol;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a volume is mounted on its device: a drive letter ({@code C:}, as {@code Win32_EncryptableVolume.DriveLetter}
 * gives it, or {@code C:\}) or a folder on another volume ({@code C:\Mounts\Data}, with or without a trailing
 * backslash). At most {@value #MAX_LENGTH} characters, the length the server keeps.
 * <p>
 * The canonical form has an upper-case drive letter and no trailing backslash, so that one mount point is written one
 * way on every page and in every export.
 */
public final class MountPoint {

    public static final int MAX_LENGTH = 64;
    private static final Pattern DRIVE_LETTER = Pattern.compile("[A-Za-z]:\\\\?");
    /** Folder names as Windows allows them: no control characters and none of {@code < > : " / \ | ? *}. */
    private static final Pattern FOLDER_PATH =
            Pattern.compile("[A-Za-z]:(\\\\[^<>:\"/\\\\|?*\\p{Cntrl}]+)+\\\\?");
    private static final String EXPECTED_FORM = "a mount point is a drive letter such as C: or a folder path such as "
            + "C:\\Mounts\\Data, at most " + MAX_LENGTH + " characters";

    private final String canonical;

    private MountPoint(String canonical) {
        this.canonical = canonical;
    }

    /**
     * @param text a drive letter or folder path, surrounding whitespace ignored
     * @return the mount point in canonical form
     * @throws InvalidMountPointException if the text is neither, or too long; the message does not echo it
     */
    public static MountPoint parse(String text) {
        Objects.requireNonNull(text, "text");
        String path = text.strip();
        if (path.length() > MAX_LENGTH
                || !(DRIVE_LETTER.matcher(path).matches() || FOLDER_PATH.matcher(path).matches())) {
            throw new InvalidMountPointException(EXPECTED_FORM);
        }
        for (String folder : path.split("\\\\")) {
            // "." and ".." would make one mount point look like another; Windows drops trailing spaces and dots.
            if (folder.isBlank() || folder.endsWith(".") || folder.endsWith(" ")) {
                throw new InvalidMountPointException(EXPECTED_FORM);
            }
        }
        if (path.endsWith("\\")) {
            path = path.substring(0, path.length() - 1);
        }
        return new MountPoint(path.substring(0, 1).toUpperCase(Locale.ROOT) + path.substring(1));
    }

    /** @return whether this is a drive letter rather than a folder */
    public boolean isDriveLetter() {
        return canonical.length() == 2;
    }

    /** @return the canonical form, e.g. {@code C:} or {@code C:\Mounts\Data} */
    public String value() {
        return canonical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MountPoint that && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }
}
