package org.ams.agent.bitlocker;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * BitLocker refused to change or read a key protector, or could not be asked. {@link #returnValue()} is the WMI
 * method's {@code ReturnValue} when BitLocker answered with one. The message names the method, the volume and the
 * protector, never a password.
 */
public class KeyProtectorException extends Exception {

    /** The codes the agent explains in words; others are shown as numbers, as BitLocker gives them. */
    private static final Map<Long, String> KNOWN = Map.of(
            0x80310000L, "FVE_E_LOCKED_VOLUME: the volume is locked",
            0x80310008L, "FVE_E_NOT_ACTIVATED: BitLocker is not enabled on the volume",
            0x80070057L, "E_INVALIDARG: no key protector with this id on the volume",
            0x8031001DL, "FVE_E_KEY_REQUIRED: the last key protector of an encrypted volume cannot be removed",
            0x8031001FL, "FVE_E_VOLUME_BOUND_ALREADY: the protector unlocks another volume automatically",
            0x80310030L, "FVE_E_PROTECTOR_EXISTS: the volume already has such a protector");

    private final Long returnValue;

    public KeyProtectorException(String message) {
        super(message);
        this.returnValue = null;
    }

    public KeyProtectorException(String message, Throwable cause) {
        super(message, cause);
        this.returnValue = null;
    }

    private KeyProtectorException(String message, long returnValue) {
        super(message);
        this.returnValue = returnValue;
    }

    /** BitLocker's method answered with a non-zero {@code ReturnValue}. */
    public static KeyProtectorException refused(String method, String where, long returnValue) {
        String code = String.format(Locale.ROOT, "0x%08X", returnValue);
        String meaning = KNOWN.get(returnValue);
        return new KeyProtectorException("BitLocker refused " + method + " " + where + ": " + code
                + (meaning == null ? "" : " (" + meaning + ")"), returnValue);
    }

    public OptionalLong returnValue() {
        return returnValue == null ? OptionalLong.empty() : OptionalLong.of(returnValue);
    }
}
