package org.ams.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.escrow.KeyState;
import org.ams.protocol.wire.DriveType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestDetailsTest {

    private static final List<RevealedKey> TWO = List.of(key("1B4C0E26"), key("3D6E2048"));

    @Test
    @DisplayName("A granted password request names its key ids, and says when each password was hidden until Show")
    void passwordRequest() {
        assertEquals("recovery passwords shown for key ids 1B4C0E26, 3D6E2048",
                RequestDetails.of(ResultCode.SUCCESS, TWO, Permission.READ_BITLOCKER_RECOVERY_PASSWORD, false));
        assertEquals("recovery passwords shown for key ids 1B4C0E26, 3D6E2048; each hidden until Show is clicked",
                RequestDetails.of(ResultCode.SUCCESS, TWO, Permission.READ_BITLOCKER_RECOVERY_PASSWORD, true));
        assertEquals("key metadata shown for key ids 1B4C0E26, 3D6E2048",
                RequestDetails.of(ResultCode.SUCCESS, TWO, Permission.READ_BITLOCKER_KEY_METADATA, true),
                "metadata has no password to hide");
    }

    @Test
    @DisplayName("The key ids are read back from a password request's details, hidden or not")
    void keyIdsReadBack() {
        for (boolean hidden : new boolean[] {false, true}) {
            RequestDetails.ListedKeyIds listed = RequestDetails.passwordKeyIds(RequestDetails.of(ResultCode.SUCCESS,
                    TWO, Permission.READ_BITLOCKER_RECOVERY_PASSWORD, hidden));
            assertEquals(Set.of("1B4C0E26", "3D6E2048"), listed.keyIds());
            assertTrue(listed.complete());
            assertEquals(hidden, listed.hidden());
        }
    }

    @Test
    @DisplayName("Beyond twenty keys the details count the others, and the list read back says it is incomplete")
    void manyKeys() {
        List<RevealedKey> keys = IntStream.range(0, 23).mapToObj(i -> key(String.format("%08X", i))).toList();
        String details = RequestDetails.of(ResultCode.SUCCESS, keys, Permission.READ_BITLOCKER_RECOVERY_PASSWORD,
                true);
        assertTrue(details.endsWith("00000013 and 3 more; each hidden until Show is clicked"), details);

        RequestDetails.ListedKeyIds listed = RequestDetails.passwordKeyIds(details);
        assertEquals(20, listed.keyIds().size());
        assertTrue(listed.keyIds().contains("00000013"));
        assertFalse(listed.keyIds().contains("00000014"));
        assertFalse(listed.complete());
        assertTrue(listed.hidden());
    }

    @Test
    @DisplayName("Denials, metadata requests and computers without keys name no password's key id")
    void nothingShown() {
        for (String details : new String[] {
            RequestDetails.of(ResultCode.EXPLICITLY_DENIED, List.of(), Permission.READ_BITLOCKER_RECOVERY_PASSWORD,
                    true),
            RequestDetails.of(ResultCode.SUCCESS, List.of(), Permission.READ_BITLOCKER_RECOVERY_PASSWORD, true),
            RequestDetails.of(ResultCode.SUCCESS, TWO, Permission.READ_BITLOCKER_KEY_METADATA, false),
            null}) {
            RequestDetails.ListedKeyIds listed = RequestDetails.passwordKeyIds(details);
            assertEquals(Set.of(), listed.keyIds(), details);
            assertTrue(listed.complete(), details);
            assertFalse(listed.hidden(), details);
        }
    }

    static RevealedKey key(String keyId) {
        return new RevealedKey(UUID.randomUUID(), "\\\\?\\Volume{" + keyId + "}", "C:", DriveType.OS,
                "{" + keyId + "-0000-4000-8000-000000000000}", keyId, OffsetDateTime.now(), KeyState.CURRENT, null,
                null, null);
    }
}
