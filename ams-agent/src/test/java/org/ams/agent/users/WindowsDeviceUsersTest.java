package org.ams.agent.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ams.agent.bitlocker.RecordingPowerShell;
import org.ams.agent.bitlocker.VolumeReadException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who signed in on Windows: one read-only PowerShell call, its output read as documented. */
class WindowsDeviceUsersTest {

    private final List<String> events = new ArrayList<>();
    private final RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]");

    @Test
    @DisplayName("The user signed in now, the last one, then the profiles; the device's own and Windows' accounts left out")
    void readsCurrentLastAndProfilesInThatOrder() throws Exception {
        powerShell.users("{\"computerName\":\"PC-1\",\"currentUser\":\"CORP\\\\jdoe\","
                + "\"lastLoggedOnUser\":\"CORP\\\\asmith\",\"profiles\":["
                + "{\"account\":\"corp\\\\JDOE\",\"lastUseTime\":\"2026-12-05T08:00:00.0000000Z\"},"
                + "{\"account\":\"PC-1\\\\admin\",\"lastUseTime\":\"2026-12-04T08:00:00.0000000Z\"},"
                + "{\"account\":\"NT AUTHORITY\\\\SYSTEM\",\"lastUseTime\":null},"
                + "{\"account\":\"AzureAD\\\\KimLee\",\"lastUseTime\":\"2026-12-01T08:00:00.0000000Z\"},"
                + "{\"account\":\"bwayne@corp.example\",\"lastUseTime\":null}]}");

        List<String> users = new WindowsDeviceUsers(powerShell).signedInUsers();

        assertEquals(List.of("CORP\\jdoe", "CORP\\asmith", "AzureAD\\KimLee", "bwayne@corp.example"), users);
        assertEquals(List.of("powershell:" + RecordingPowerShell.READ_USERS), events, "exactly one call");
        assertEquals(WindowsDeviceUsers.SCRIPT, powerShell.calls().get(0).script(), "the script as shipped, no "
                + "values spliced in");
    }

    @Test
    @DisplayName("Nobody signed in and no profiles: an empty list, which tells the server that nobody did")
    void nobody() throws Exception {
        powerShell.users("{\"computerName\":\"PC-1\",\"currentUser\":null,\"lastLoggedOnUser\":\"\",\"profiles\":[]}");

        assertEquals(List.of(), new WindowsDeviceUsers(powerShell).signedInUsers());
    }

    @Test
    @DisplayName("At most 32 accounts, the most recent ones")
    void cutToTheLimit() throws Exception {
        StringBuilder profiles = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            profiles.append(i == 0 ? "" : ",").append("{\"account\":\"CORP\\\\user").append(i).append("\"}");
        }
        powerShell.users("{\"computerName\":\"PC-1\",\"profiles\":[" + profiles + "]}");

        List<String> users = new WindowsDeviceUsers(powerShell).signedInUsers();

        assertEquals(32, users.size());
        assertEquals("CORP\\user0", users.get(0));
        assertEquals("CORP\\user31", users.get(31));
    }

    @Test
    @DisplayName("A PowerShell failure or an unreadable answer is a UsersReadException that does not quote the output")
    void failures() {
        powerShell.answer(RecordingPowerShell.READ_USERS, () -> {
            throw new VolumeReadException("powershell.exe exited with 1");
        });
        UsersReadException failed = assertThrows(UsersReadException.class,
                () -> new WindowsDeviceUsers(powerShell).signedInUsers());
        assertTrue(failed.getMessage().contains("exited with 1"), failed.getMessage());

        powerShell.answer(RecordingPowerShell.READ_USERS, () -> "Get-CimInstance : Access denied secret-ish");
        UsersReadException garbled = assertThrows(UsersReadException.class,
                () -> new WindowsDeviceUsers(powerShell).signedInUsers());
        assertFalse(garbled.getMessage().contains("secret-ish"), garbled.getMessage());
    }

    @Test
    @DisplayName("The script only reads: the profile list, the current and the last user; it changes nothing")
    void scriptIsReadOnly() {
        String script = WindowsDeviceUsers.SCRIPT.toLowerCase(Locale.ROOT);

        assertTrue(script.contains("win32_userprofile"));
        assertTrue(script.contains("special = false"), "Windows' own profiles left out");
        assertTrue(script.contains("win32_computersystem"));
        assertTrue(script.contains("lastloggedonsamuser"));
        for (String verb : List.of("invoke-cimmethod", "set-", "remove-", "new-item", "set-itemproperty",
                "-methodname")) {
            assertFalse(script.contains(verb), "the script must not run " + verb);
        }
    }
}
