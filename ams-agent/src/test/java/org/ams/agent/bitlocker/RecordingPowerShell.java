package org.ams.agent.bitlocker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.agent.users.WindowsDeviceUsers;

/**
 * A stand-in for {@code powershell.exe} that records every script the agent runs (which WMI method, with which volume
 * and protector id) into a shared list of events, and answers as BitLocker would: successfully by default, or with the
 * answers a test queues per method (a non-zero {@code ReturnValue}, another protector type, a PowerShell failure).
 */
public final class RecordingPowerShell implements PowerShell {

    public static final String READ_VOLUMES = "ReadVolumes";
    public static final String ADD = "ProtectKeyWithNumericalPassword";
    public static final String READ = "GetKeyProtectorNumericalPassword";
    public static final String TYPE = "GetKeyProtectorType";
    public static final String DELETE = "DeleteKeyProtector";
    /** The read-only script that lists who signed in on the device (profile list, last and current user). */
    public static final String READ_USERS = "ReadUsers";

    /** One script run: the WMI method and the values the script was given. */
    public record Call(String method, String volumeId, String protectorId, String script) {
    }

    /** What a queued answer does. */
    @FunctionalInterface
    public interface Answer {
        String answer() throws VolumeReadException;
    }

    private final List<String> events;
    private final String volumesJson;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Answer>> queued = new HashMap<>();
    private String newProtectorId = "{9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D}";
    private String newPassword = "466895-217492-569250-069608-104434-135707-527241-083622";
    private String usersJson = "{\"computerName\":\"PC-1\",\"currentUser\":null,\"lastLoggedOnUser\":null,"
            + "\"profiles\":[]}";

    public RecordingPowerShell(List<String> events, String volumesJson) {
        this.events = events;
        this.volumesJson = volumesJson;
    }

    public RecordingPowerShell answer(String method, Answer answer) {
        queued.computeIfAbsent(method, m -> new ArrayDeque<>()).add(answer);
        return this;
    }

    /** A method answering with a non-zero ReturnValue, as BitLocker refuses. */
    public RecordingPowerShell refuse(String method, long returnValue) {
        return answer(method, () -> "{\"volumeFound\":true,\"returnValue\":" + returnValue + "}");
    }

    /** What the users script answers, in the shape {@code read-users.ps1} writes. */
    public RecordingPowerShell users(String json) {
        this.usersJson = json;
        return this;
    }

    public RecordingPowerShell newPassword(String password) {
        this.newPassword = password;
        return this;
    }

    public String newProtectorId() {
        return newProtectorId;
    }

    public String newPassword() {
        return newPassword;
    }

    public List<Call> calls() {
        return calls;
    }

    @Override
    public String run(String script) throws VolumeReadException {
        String method = method(script);
        calls.add(new Call(method, value(script, "$volumeId = "), value(script, "$protectorId = "), script));
        events.add("powershell:" + method);
        Deque<Answer> answers = queued.get(method);
        if (answers != null && !answers.isEmpty()) {
            return answers.poll().answer();
        }
        return switch (method) {
            case READ_VOLUMES -> volumesJson;
            case READ_USERS -> usersJson;
            case ADD -> "{\"volumeFound\":true,\"returnValue\":0,\"protectorId\":\"" + newProtectorId + "\"}";
            case READ -> "{\"volumeFound\":true,\"returnValue\":0,\"recoveryPassword\":\"" + newPassword + "\"}";
            case TYPE -> "{\"volumeFound\":true,\"returnValue\":0,\"keyProtectorType\":3}";
            case DELETE -> "{\"volumeFound\":true,\"returnValue\":0,\"deleted\":true}";
            default -> throw new IllegalStateException(method);
        };
    }

    private static String method(String script) {
        if (script.equals(WindowsVolumeSource.SCRIPT)) {
            return READ_VOLUMES;
        }
        if (script.equals(WindowsDeviceUsers.SCRIPT)) {
            return READ_USERS;
        }
        if (script.endsWith(WindowsVolumeSource.ADD_RECOVERY_PASSWORD)) {
            return ADD;
        }
        if (script.endsWith(WindowsVolumeSource.READ_RECOVERY_PASSWORD)) {
            return READ;
        }
        if (script.endsWith(WindowsVolumeSource.GET_KEY_PROTECTOR_TYPE)) {
            return TYPE;
        }
        if (script.endsWith(WindowsVolumeSource.DELETE_KEY_PROTECTOR)) {
            return DELETE;
        }
        throw new IllegalStateException("A script the agent is not known to run:\n" + script);
    }

    /** The single-quoted literal the agent assigned to a variable in the script's first lines, unquoted. */
    private static String value(String script, String assignment) {
        for (String line : script.split("\n", 3)) {
            if (line.startsWith(assignment)) {
                String literal = line.substring(assignment.length());
                return literal.equals("$null") ? null
                        : literal.substring(1, literal.length() - 1).replace("''", "'");
            }
        }
        return null;
    }
}
