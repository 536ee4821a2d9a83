package org.ams.crypto;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The slots of a PKCS#11 module and the labels of their tokens, read through PKCS#11 itself ({@code C_GetSlotList},
 * {@code C_GetTokenInfo}) so that {@link Pkcs11KeyStore} can find a token by label.
 * <p>
 * SunPKCS11 selects a token only by slot id or slot-list index and exposes no token information, and the JDK's own
 * PKCS#11 binding ({@code sun.security.pkcs11.wrapper}) is not exported from its module; reaching it would need
 * {@code --add-exports} on every server's command line. The three calls are made through JNA instead, straight to the
 * module's exported functions.
 * <p>
 * The module is initialised with OS locking, as SunPKCS11 initialises it, and never finalised: a module is loaded once
 * per process, and SunPKCS11 shares the same initialised instance (it accepts {@code CKR_CRYPTOKI_ALREADY_INITIALIZED},
 * as this class does).
 */
final class Pkcs11Slots {

    private static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    private static final long CKF_OS_LOCKING_OK = 0x2;
    private static final int LABEL_LENGTH = 32;
    /** CK_TOKEN_INFO is under 200 bytes on every platform; its label comes first. */
    private static final int TOKEN_INFO_SIZE = 512;

    /** A slot with a token in it. */
    record Slot(long id, String tokenLabel) {
    }

    private Pkcs11Slots() {
    }

    /**
     * @param library the PKCS#11 module's path
     * @param label the token label, compared without the padding PKCS#11 adds
     * @return the id of the first slot whose token has that label
     * @throws HsmUnavailableException if the module cannot be loaded or initialised
     */
    static Optional<Slot> findByTokenLabel(String library, String label) {
        String wanted = label.strip();
        return withTokens(library).stream().filter(slot -> slot.tokenLabel().equals(wanted)).findFirst();
    }

    /** Every slot with a token, in slot-list order. */
    static List<Slot> withTokens(String library) {
        NativeLibrary module;
        try {
            module = NativeLibrary.getInstance(library);
        } catch (UnsatisfiedLinkError e) {
            throw new HsmUnavailableException("The PKCS#11 module " + library + " cannot be loaded: " + e.getMessage(), e);
        }
        initialize(module, library);
        Function getSlotList = module.getFunction("C_GetSlotList");
        Memory count = new Memory(NativeLong.SIZE);
        count.setNativeLong(0, new NativeLong(0));
        check(call(getSlotList, (byte) 1, Pointer.NULL, count), "C_GetSlotList", library);
        long slots = count.getNativeLong(0).longValue();
        if (slots == 0) {
            return List.of();
        }
        Memory ids = new Memory(slots * NativeLong.SIZE);
        check(call(getSlotList, (byte) 1, ids, count), "C_GetSlotList", library);
        slots = count.getNativeLong(0).longValue();
        Function getTokenInfo = module.getFunction("C_GetTokenInfo");
        List<Slot> found = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            NativeLong id = ids.getNativeLong((long) i * NativeLong.SIZE);
            Memory info = new Memory(TOKEN_INFO_SIZE);
            info.clear();
            // A token removed between the two calls is simply not listed.
            if (call(getTokenInfo, id, info) == CKR_OK) {
                String tokenLabel = new String(info.getByteArray(0, LABEL_LENGTH), StandardCharsets.UTF_8).strip();
                found.add(new Slot(id.longValue(), tokenLabel));
            }
        }
        return found;
    }

    private static void initialize(NativeLibrary module, String library) {
        // CK_C_INITIALIZE_ARGS: four mutex callbacks (none), flags, a reserved pointer.
        Memory arguments = new Memory(5L * Native.POINTER_SIZE + NativeLong.SIZE);
        arguments.clear();
        arguments.setNativeLong(4L * Native.POINTER_SIZE, new NativeLong(CKF_OS_LOCKING_OK));
        long result = call(module.getFunction("C_Initialize"), arguments);
        if (result != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            check(result, "C_Initialize", library);
        }
    }

    private static long call(Function function, Object... arguments) {
        return ((NativeLong) function.invoke(NativeLong.class, arguments)).longValue();
    }

    private static void check(long result, String function, String library) {
        if (result != CKR_OK) {
            throw new HsmUnavailableException("The PKCS#11 module " + library + " failed " + function + " (CKR 0x"
                    + Long.toHexString(result) + ").");
        }
    }
}
