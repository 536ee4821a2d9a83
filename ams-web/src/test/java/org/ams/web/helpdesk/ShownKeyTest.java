package org.ams.web.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nayuki.qrcodegen.QrCode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ams.access.RevealedKey;
import org.ams.authz.ResultCode;
import org.ams.escrow.KeyLifecycle;
import org.ams.escrow.KeyState;
import org.ams.escrow.RotationRequest;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.wire.DriveType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShownKeyTest {

    /** A published example password (the agent README's); not a secret of anybody's. */
    private static final String EXAMPLE = "531058-303050-716078-383614-460922-106975-083446-139161";

    @Test
    @DisplayName("The password is shown in its eight groups and read out digit by digit with the radio words")
    void groupsAndSpokenDigits() {
        ShownKey key = new ShownKey(key(RecoveryPassword.parse(EXAMPLE)), false);

        assertEquals(List.of(EXAMPLE.split("-")), key.getGroups());
        assertEquals("Fife Tree One Zero Fife Eight", key.getSpokenGroups().get(0));
        assertEquals("Zero Eight Tree Fower Fower Six", key.getSpokenGroups().get(6));
        assertEquals("Operating system drive", key.getDriveType());
        assertEquals("2026-11-29 03:04 UTC", key.getEscrowedAt());
        assertEquals("Niner", ShownKey.spoken("9"));
    }

    @Test
    @DisplayName("The QR code is an inline SVG whose modules are those of the QR code of the password")
    void qrCodeIsInlineSvg() {
        String svg = new ShownKey(key(RecoveryPassword.parse(EXAMPLE)), false).getQrCode();
        QrCode expected = QrCode.encodeText(EXAMPLE, QrCode.Ecc.MEDIUM);
        int dark = 0;
        for (int y = 0; y < expected.size; y++) {
            for (int x = 0; x < expected.size; x++) {
                dark += expected.getModule(x, y) ? 1 : 0;
            }
        }

        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertEquals(dark, svg.split("h1v1h-1z", -1).length - 1, "one square per dark module");
        assertFalse(svg.contains("href"), "nothing to fetch");
        assertFalse(svg.contains(EXAMPLE), "the password itself is not in the drawing's text");
    }

    @Test
    @DisplayName("A key-metadata answer has no password, no groups and no QR code")
    void metadataOnly() {
        ShownKey key = new ShownKey(key(null), false);

        assertFalse(key.isHasPassword());
        assertEquals(List.of(), key.getGroups());
        assertEquals("", key.getQrCode());
    }

    @Test
    @DisplayName("After a key ID lookup the key looked up is listed first and marked; the others keep their order")
    void lookedUpKeyFirst() {
        List<RevealedKey> keys = List.of(key("C:", "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}"),
                key("D:", "{3D6E2048-0000-4000-8000-000000000000}"),
                key("E:", "{4E7F3159-6D72-4EB1-815F-80AD4C33F301}"));

        List<ShownKey> listed = ShownKey.listed(keys, Set.of("{4E7F3159-6D72-4EB1-815F-80AD4C33F301}"));

        assertEquals(List.of("E:", "C:", "D:"), listed.stream().map(ShownKey::getMountPoint).toList());
        assertEquals(List.of(true, false, false), listed.stream().map(ShownKey::isLookedUp).toList());
        assertEquals(List.of("C:", "D:", "E:"), ShownKey.listed(keys, Set.of()).stream().map(ShownKey::getMountPoint)
                .toList(), "found by name: the order given");
    }

    @Test
    @DisplayName("Every result code has its own sentence")
    void everyResultCodeHasASentence() {
        assertEquals(ResultCode.values().length, java.util.Arrays.stream(ResultCode.values())
                .map(AccessResultText::sentence).distinct().count());
        assertEquals("Access denied: a reason is required. Say why you need access, then ask again.",
                AccessResultText.sentence(ResultCode.REASON_REQUIRED));
    }

    @Test
    @DisplayName("A shown key says who saw it and that the device replaces it; history names its replacement")
    void lifecycleSentences() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 4, 16, 20, 0, 0, ZoneOffset.UTC);
        assertEquals("", new ShownKey(withLife(KeyState.CURRENT, null), false).getLifecycle(), "nothing happened");
        assertEquals("Shown to hanna at 2026-12-04 16:20 UTC; the device will replace it at its next check-in.",
                new ShownKey(withLife(KeyState.CURRENT, new KeyLifecycle("hanna", at, RotationRequest.State.REQUESTED,
                        null, null)), false).getLifecycle());
        assertEquals("Shown to hanna at 2026-12-04 16:20 UTC; the device has escrowed its replacement and is "
                        + "removing this one.", new ShownKey(withLife(KeyState.CURRENT, new KeyLifecycle("hanna", at,
                RotationRequest.State.REPLACEMENT_HELD, null, null)), false).getLifecycle());
        assertEquals("Shown to hanna at 2026-12-04 16:20 UTC; the device could not replace it (step DELETE: "
                        + "BitLocker refused).", new ShownKey(withLife(KeyState.CURRENT, new KeyLifecycle("hanna", at,
                RotationRequest.State.FAILED, "step DELETE: BitLocker refused", null)), false).getLifecycle());
        assertEquals("Shown to hanna at 2026-12-04 16:20 UTC.", new ShownKey(withLife(KeyState.CURRENT,
                new KeyLifecycle("hanna", at, null, null, null)), false).getLifecycle(), "policy does not rotate");
        assertEquals("The device will replace it at its next check-in.", new ShownKey(withLife(KeyState.CURRENT,
                new KeyLifecycle(null, null, RotationRequest.State.REQUESTED, null, null)), false).getLifecycle(),
                "an administrator's Rotate now");
        assertEquals("Replaced by key ID 9A1B2C3D (protector {9A1B2C3D-0000-4000-8000-000000000001}), the "
                        + "computer's current recovery password for this drive. Shown to hanna at 2026-12-04 16:20 UTC.",
                new ShownKey(withLife(KeyState.SUPERSEDED, new KeyLifecycle("hanna", at, RotationRequest.State.DONE,
                        null, "{9A1B2C3D-0000-4000-8000-000000000001}")), false).getLifecycle());
    }

    private static RevealedKey withLife(KeyState state, KeyLifecycle lifecycle) {
        return new RevealedKey(UUID.randomUUID(), "\\\\?\\Volume{" + UUID.randomUUID() + "}\\", "C:",
                DriveType.OS, "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}", "1B4C0E26", OffsetDateTime.now(ZoneOffset.UTC),
                state, null, null, lifecycle);
    }

    private static RevealedKey key(String mountPoint, String protectorId) {
        return new RevealedKey(UUID.randomUUID(), "\\\\?\\Volume{" + UUID.randomUUID() + "}\\", mountPoint,
                DriveType.FIXED, protectorId, protectorId.substring(1, 9), OffsetDateTime.now(ZoneOffset.UTC),
                KeyState.CURRENT, null, null, null);
    }

    private static RevealedKey key(RecoveryPassword password) {
        return new RevealedKey(UUID.randomUUID(), "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\", "C:",
                DriveType.OS, "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}", "1B4C0E26",
                OffsetDateTime.of(2026, 11, 29, 4, 4, 0, 0, ZoneOffset.ofHours(1)), KeyState.CURRENT, null, password,
                null);
    }
}
