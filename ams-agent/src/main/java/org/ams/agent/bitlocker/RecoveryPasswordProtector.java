package org.ams.agent.bitlocker;

/**
 * A numerical-password protector as read from the device. The password is kept as read (it may be malformed) and
 * only ever leaves this object through {@link #password()} on its way to be checked and sealed.
 */
public final class RecoveryPasswordProtector {

    private final String protectorId;
    private final char[] password;

    public RecoveryPasswordProtector(String protectorId, char[] password) {
        this.protectorId = protectorId;
        this.password = password.clone();
    }

    public String protectorId() {
        return protectorId;
    }

    public char[] password() {
        return password.clone();
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "RecoveryPasswordProtector[" + protectorId + "]";
    }
}
