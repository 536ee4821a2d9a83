package org.ams.web.helpdesk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.ams.access.RevealedKey;
import org.ams.escrow.KeyLifecycle;
import org.ams.protocol.RecoveryPassword;
import org.ams.web.UtcTime;

/**
 * One escrowed key protector as the passwords page shows it: its metadata, the password in its eight groups, the
 * groups spoken digit by digit, and the password's QR code. Lives only in the request-scoped
 * {@link RecoveryPasswordsBacking}.
 */
public final class ShownKey {

    /** The ICAO/NATO words for digits, as radio operators say them; unambiguous over a bad phone line. */
    private static final String[] DIGIT_WORDS = {"Zero", "One", "Two", "Tree", "Fower", "Fife", "Six", "Seven",
        "Eight", "Niner"};

    private final RevealedKey key;
    private final String password;
    private final boolean lookedUp;

    ShownKey(RevealedKey key, boolean lookedUp) {
        this.key = key;
        RecoveryPassword revealed = key.password();
        this.password = revealed == null ? null : revealed.formatted();
        this.lookedUp = lookedUp;
    }

    /**
     * The keys as the page lists them: those whose protector the user found by its recovery key ID first (the one
     * the user's recovery screen asks for), the others after them in the order given.
     *
     * @param lookedUpProtectorIds the protector ids the key ID lookup matched on this computer; empty after a search
     *                             by name
     */
    static List<ShownKey> listed(List<RevealedKey> keys, Set<String> lookedUpProtectorIds) {
        return keys.stream().map(key -> new ShownKey(key, lookedUpProtectorIds.contains(key.protectorId())))
                .sorted(Comparator.comparing(shown -> !shown.isLookedUp())).toList();
    }

    public String getMountPoint() {
        return key.mountPoint() == null || key.mountPoint().isBlank() ? "(no drive letter)" : key.mountPoint();
    }

    public String getDriveType() {
        return key.driveType() == null ? "drive type not recorded" : key.driveType().label();
    }

    /** Where the key came from when not from the device's agent, e.g. imported from Active Directory; else null. */
    public String getOrigin() {
        return key.origin();
    }

    public String getKeyId() {
        return key.keyId();
    }

    public String getProtectorId() {
        return key.protectorId();
    }

    public String getVolumeId() {
        return key.volumeId();
    }

    public String getEscrowedAt() {
        return UtcTime.minute(key.escrowedAt());
    }

    public String getSupersededAt() {
        return UtcTime.minute(key.supersededAt());
    }

    public boolean isCurrent() {
        return key.current();
    }

    /**
     * What became of this key since it was escrowed, in a sentence for the helpdesk user: who was shown it and
     * whether the device replaces it, or, for history, the key that replaced it. Empty when nothing did.
     */
    public String getLifecycle() {
        KeyLifecycle life = key.lifecycle();
        List<String> parts = new ArrayList<>();
        if (life.replacedBy() != null) {
            parts.add("Replaced by key ID " + life.replacedBy().substring(1, 9) + " (protector " + life.replacedBy()
                    + "), the computer's current recovery password for this drive.");
        }
        if (life.shown()) {
            String shown = "Shown to " + life.lastShownTo() + " at " + UtcTime.minute(life.lastShownAt());
            if (!key.current() || life.rotation() == null) {
                parts.add(shown + ".");
            } else {
                parts.add(shown + switch (life.rotation()) {
                    case REQUESTED -> "; the device will replace it at its next check-in.";
                    case REPLACEMENT_HELD -> "; the device has escrowed its replacement and is removing this one.";
                    case FAILED -> "; the device could not replace it (" + life.failure() + ").";
                    case DONE, CANCELLED -> ".";
                });
            }
        } else if (key.current() && life.rotationPending()) {
            parts.add("The device will replace it at its next check-in.");
        }
        return String.join(" ", parts);
    }

    /** Whether this is the key whose ID the user looked up. */
    public boolean isLookedUp() {
        return lookedUp;
    }

    public boolean isHasPassword() {
        return password != null;
    }

    /** The canonical dashed form, for the copy button. */
    public String getPassword() {
        return password;
    }

    public List<String> getGroups() {
        return password == null ? List.of() : List.of(password.split("-"));
    }

    /** Each group read out digit by digit, e.g. "Fife Tree One Zero Fife Eight". */
    public List<String> getSpokenGroups() {
        return getGroups().stream().map(ShownKey::spoken).toList();
    }

    public String getQrCode() {
        return password == null ? "" : QrCodeSvg.of(password, "QR code of the recovery password for key ID "
                + key.keyId());
    }

    /** Also the self-service page's reading aid. */
    public static String spoken(String digits) {
        StringBuilder words = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            words.append(words.length() == 0 ? "" : " ").append(DIGIT_WORDS[digit - '0']);
        }
        return words.toString();
    }
}
