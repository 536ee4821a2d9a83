/**
 * BitLocker key import: reading the recovery passwords Active Directory already holds
 * ({@code msFVE-RecoveryInformation} objects under computer objects) from a directory connected under Settings /
 * Authentication, and keeping them as escrowed history of their computers. Computers that run no agent become
 * devices "imported, no agent"; the agent's registration from the same computer joins them
 * ({@link org.ams.devices.DeviceDirectory#sameComputer}).
 * <p>
 * Sync is incremental by {@code uSNChanged} against the domain controller last read, with a full scan when the
 * controller changes, its USN goes backwards, or a week has passed; a full scan marks the keys it no longer finds
 * as removed from AD (they are never deleted). A run commits page by page and keeps its USN window and counts, so a
 * run stopped part way (a restart, a page limit) resumes it.
 * <p>
 * The same keys also come from CSV files (a spreadsheet, a ConfigMgr/MBAM export): {@link RecoveryKeyFile} reads and
 * checks a file row by row, {@link FileKeyImport} previews it against what AMS holds and imports it in one
 * transaction, creating "imported, no agent" devices in the same way.
 * <p>
 * Depends on {@code identity.ldap} (the connection), {@code devices}, {@code escrow} (the keys), {@code crypto}
 * (sealing, through escrow, and comparing a file's password with one already held) and {@code audit}. Nothing
 * depends on it but the console and the REST API.
 */
package org.ams.keyimport;
