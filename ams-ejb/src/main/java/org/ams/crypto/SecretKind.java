package org.ams.crypto;

/** What a sealed secret holds, which decides how the vault checks it. */
public enum SecretKind {
    /** A BitLocker recovery password, 48 digits in its canonical dashed form; its checksum is verified on store. */
    RECOVERY_PASSWORD
}
