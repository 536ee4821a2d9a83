package org.ams.protocol.wire;

/** Every 4xx/5xx answer of the agent API: a stable code for programs and a sentence for people. */
public record ApiError(String code, String message) {

    /**
     * An upload refused (422, nothing stored) because an envelope is sealed to a certificate the server does not hold
     * (any more: an administrator rotated the encryption certificate and retired or deleted the old one). The agent
     * seals the password again to the certificate its next check-in names, instead of giving the key up.
     */
    public static final String UNKNOWN_CERTIFICATE = "UNKNOWN_CERTIFICATE";
}
