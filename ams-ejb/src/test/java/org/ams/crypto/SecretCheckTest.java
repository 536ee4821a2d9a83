package org.ams.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ams.protocol.envelope.EnvelopeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecretCheckTest {

    @Test
    @DisplayName("Every way an envelope can be refused gets a fixed sentence: none repeats the decryptor's message")
    void everyReasonHasAFixedSentence() {
        for (EnvelopeException.Reason reason : EnvelopeException.Reason.values()) {
            SecretCheck check = SecretCheck.of(reason);

            assertFalse(check.readable(), reason.name());
            assertNotNull(check.problem(), reason.name());
            assertTrue(check.problem().length() <= 200, "fits recovery_key.unreadable_reason: " + check.problem());
        }
    }

    @Test
    void anOpeningSecretHasNoProblem() {
        assertTrue(SecretCheck.opens().readable());
        assertTrue(SecretCheck.opens().problem() == null);
    }
}
