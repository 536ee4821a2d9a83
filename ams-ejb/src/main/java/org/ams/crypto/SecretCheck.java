package org.ams.crypto;

import org.ams.protocol.envelope.EnvelopeException;

/**
 * Whether a sealed secret still opens and holds what it should, as {@link SecretVault#checkRecoveryPassword} answers
 * it. Carries nothing of the secret: the problem is a fixed sentence chosen by the failure's kind, never the
 * message of the exception, so that no digit or diagnostic of the content can reach a log, a page or the audit log.
 *
 * @param readable whether it opened and held a valid recovery password
 * @param problem  why not, for a person; {@code null} when readable
 */
public record SecretCheck(boolean readable, String problem) {

    private static final SecretCheck OPENS = new SecretCheck(true, null);

    public static SecretCheck opens() {
        return OPENS;
    }

    public static SecretCheck unreadable(String problem) {
        return new SecretCheck(false, problem);
    }

    /** The sentence for an envelope the vault refused to open. */
    static SecretCheck of(EnvelopeException.Reason reason) {
        return unreadable(switch (reason) {
            case MALFORMED, TOO_LARGE, UNSUPPORTED_FORMAT -> "the stored envelope is damaged or not an envelope";
            case UNSUPPORTED_ALGORITHM -> "the envelope uses an algorithm AMS does not accept";
            case WRONG_RECIPIENT -> "the envelope is not addressed to the certificate it is recorded under";
            case KEY_UNUSABLE -> "the certificate's private key cannot decrypt";
            case DECRYPTION_FAILED -> "the certificate's private key does not open the envelope (altered or wrong key)";
            case INVALID_CONTENT -> "the envelope opens but does not hold a valid recovery password";
            case UNSUITABLE_CERTIFICATE, ENCRYPTION_FAILED -> "the envelope could not be opened (" + reason + ")";
        });
    }
}
