/**
 * BitLocker on the device: which volumes are encrypted, of which drive type, and the recovery passwords of their
 * numerical-password protectors; and, for key rotation only, adding a recovery-password protector, reading one by id
 * and deleting one (never a protector of another type). The agent never turns BitLocker on or off.
 * {@link org.ams.agent.bitlocker.VolumeSource} is the port; {@code WindowsVolumeSource} calls WMI through PowerShell
 * ({@link org.ams.agent.bitlocker.PowerShell}), {@code VolumesFile} keeps the same JSON shape in a file and acts as
 * simulated BitLocker (tests, demos, other platforms).
 */
package org.ams.agent.bitlocker;
