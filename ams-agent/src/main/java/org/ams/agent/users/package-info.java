/**
 * Who signed in on the device: the accounts the agent reports at check-in as the device's recorded users, which
 * self-service recovery on the server matches against the signed-in AMS user. {@link org.ams.agent.users.DeviceUsers}
 * is the port; {@link org.ams.agent.users.WindowsDeviceUsers} reads Windows (the profile list and the last and current
 * interactive user, through PowerShell), {@link org.ams.agent.users.UsersFile} a JSON file for other platforms, tests
 * and demos. Depends on the {@code bitlocker} package only for its PowerShell port.
 */
package org.ams.agent.users;
