package org.ams.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RevealReferenceTest {

    private static final String HANNA = "hanna";
    private static final String SHOWN = RequestDetails.of(ResultCode.SUCCESS,
            List.of(RequestDetailsTest.key("1B4C0E26"), RequestDetailsTest.key("3D6E2048")),
            Permission.READ_BITLOCKER_RECOVERY_PASSWORD, true);
    private static final RevealReference GRANTED = new RevealReference(42, HANNA, AccessRequests.ACTION, "Device",
            "SUCCESS", "READ_BITLOCKER_RECOVERY_PASSWORD", SHOWN);

    @Test
    @DisplayName("The user's own granted password request that listed the key: the reveal may be recorded")
    void ownRequestListingTheKey() {
        assertEquals(RevealReference.Shown.LISTED, GRANTED.requireShownTo(HANNA, "3D6E2048"));
    }

    @Test
    @DisplayName("Another user's request, a denial, a metadata request or another kind of record is refused")
    void notAGrantedPasswordRequestOfTheUser() {
        for (RevealReference other : List.of(
                new RevealReference(42, "otto", AccessRequests.ACTION, "Device", "SUCCESS",
                        "READ_BITLOCKER_RECOVERY_PASSWORD", SHOWN),
                new RevealReference(42, HANNA, AccessRequests.ACTION, "Device", "EXPLICITLY_DENIED",
                        "READ_BITLOCKER_RECOVERY_PASSWORD", SHOWN),
                new RevealReference(42, HANNA, AccessRequests.ACTION, "Device", "SUCCESS",
                        "READ_BITLOCKER_KEY_METADATA", SHOWN),
                new RevealReference(42, HANNA, AccessRequests.KEY_ID_LOOKUP_ACTION, "RecoveryKeyId", "SUCCESS",
                        "READ_BITLOCKER_KEY_METADATA", SHOWN),
                new RevealReference(42, HANNA, AccessRequests.PASSWORD_REVEALED_ACTION, "Device", null,
                        "READ_BITLOCKER_RECOVERY_PASSWORD", SHOWN))) {
            AccessRequestException refused = assertThrows(AccessRequestException.class,
                    () -> other.requireShownTo(HANNA, "3D6E2048"), other.toString());
            assertEquals("Request 42 is not a granted request of yours for recovery passwords; nothing was recorded.",
                    refused.getMessage());
        }
    }

    @Test
    @DisplayName("A request whose answer showed the passwords at once has no Show to record")
    void shownAtOnce() {
        RevealReference request = new RevealReference(42, HANNA, AccessRequests.ACTION, "Device", "SUCCESS",
                "READ_BITLOCKER_RECOVERY_PASSWORD", RequestDetails.of(ResultCode.SUCCESS,
                List.of(RequestDetailsTest.key("3D6E2048")), Permission.READ_BITLOCKER_RECOVERY_PASSWORD, false));
        AccessRequestException refused = assertThrows(AccessRequestException.class,
                () -> request.requireShownTo(HANNA, "3D6E2048"));
        assertEquals("Request 42 showed its recovery passwords at once; there is no Show to record, and nothing was "
                + "recorded.", refused.getMessage());
    }

    @Test
    @DisplayName("A key the request did not show is refused")
    void keyNotShown() {
        AccessRequestException refused = assertThrows(AccessRequestException.class,
                () -> GRANTED.requireShownTo(HANNA, "5F8A2B61"));
        assertEquals("Request 42 did not show the recovery password of key ID 5F8A2B61; nothing was recorded.",
                refused.getMessage());
    }

    @Test
    @DisplayName("A key beyond the twenty the details name is left to the escrow to confirm")
    void keyBeyondTheList() {
        String many = RequestDetails.of(ResultCode.SUCCESS, IntStream.range(0, 21)
                        .mapToObj(i -> RequestDetailsTest.key(String.format("%08X", i))).toList(),
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD, true);
        RevealReference request = new RevealReference(7, HANNA, AccessRequests.ACTION, "Device", "SUCCESS",
                "READ_BITLOCKER_RECOVERY_PASSWORD", many);
        assertEquals(RevealReference.Shown.LISTED, request.requireShownTo(HANNA, "00000013"));
        assertEquals(RevealReference.Shown.BEYOND_LIST, request.requireShownTo(HANNA, "5F8A2B61"));
    }

    @Test
    @DisplayName("A key ID is eight hex digits in any case; anything else is refused")
    void keyIds() {
        assertEquals("1B4C0E26", RevealReference.keyId(" 1b4c0e26 "));
        for (String given : new String[] {null, "", "1B4C0E2", "1B4C0E26A", "1B4C0E2G", "{1B4C0E26}"}) {
            assertThrows(AccessRequestException.class, () -> RevealReference.keyId(given), String.valueOf(given));
        }
    }
}
