package org.ams.agent.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.ams.agent.bitlocker.PowerShell;
import org.ams.agent.bitlocker.VolumeReadException;

/**
 * The device's users on Windows, in one read-only PowerShell call ({@code read-users.ps1}): the user signed in now
 * ({@code Win32_ComputerSystem.UserName}), the last user LogonUI shows ({@code LastLoggedOnSAMUser} under
 * {@code HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Authentication\LogonUI}) and the profile list
 * ({@code Win32_UserProfile} without Windows' special profiles, most recently used first, each SID translated to
 * DOMAIN&#92;user), in that order; then {@link SignedInUsers} leaves out the device's own local accounts and
 * Windows' service accounts.
 */
public final class WindowsDeviceUsers implements DeviceUsers {

    public static final String SCRIPT = PowerShell.script(WindowsDeviceUsers.class, "read-users.ps1");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PowerShell powerShell;

    public WindowsDeviceUsers(PowerShell powerShell) {
        this.powerShell = powerShell;
    }

    @Override
    public List<String> signedInUsers() throws UsersReadException {
        String output;
        try {
            output = powerShell.run(SCRIPT).strip();
        } catch (VolumeReadException e) {
            throw new UsersReadException("Cannot read who signed in on this device: " + e.getMessage(), e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            throw new UsersReadException("The users script answered with something other than the expected JSON.");
        }
        if (answer == null || !answer.isObject()) {
            throw new UsersReadException("The users script answered with nothing.");
        }
        List<String> accounts = new ArrayList<>();
        accounts.add(answer.path("currentUser").asText(""));
        accounts.add(answer.path("lastLoggedOnUser").asText(""));
        for (JsonNode profile : answer.path("profiles")) {
            accounts.add(profile.path("account").asText(""));
        }
        return SignedInUsers.of(accounts, answer.path("computerName").asText(""));
    }
}
