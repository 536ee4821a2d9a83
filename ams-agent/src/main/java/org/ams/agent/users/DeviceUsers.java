package org.ams.agent.users;

import java.util.List;

/**
 * The accounts that signed in interactively on this device, as Windows names them ({@code CORP\jdoe},
 * {@code jdoe@corp.example}), the most recent first, without the device's own local accounts and Windows' service
 * accounts. Read-only: nothing here changes the device.
 */
public interface DeviceUsers {

    /** Reports nothing: the check-in says "not reported" and the server keeps what it had. */
    DeviceUsers NOT_REPORTED = () -> null;

    /**
     * @return the accounts, at most {@link org.ams.protocol.wire.CheckInRequest#MAX_SIGNED_IN_USERS}; {@code null}
     *         when this source does not report users
     */
    List<String> signedInUsers() throws UsersReadException;
}
