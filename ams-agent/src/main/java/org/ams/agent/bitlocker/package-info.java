/**
 * Reading BitLocker on the device: which volumes are encrypted, of which drive type, and the recovery passwords of
 * their numerical-password protectors. Read-only by design: the agent never turns BitLocker on or off.
 * {@link org.ams.agent.bitlocker.VolumeSource} is the port; {@code WindowsVolumeSource} reads WMI through
 * PowerShell, {@code VolumesFile} reads the same JSON shape from a file (tests, demos, other platforms).
 */
package org.ams.agent.bitlocker;
