package org.ams.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;

/** The escrowed keys in the run's PostgreSQL database, read as disaster recovery reads them. */
final class StoredKeys {

    private StoredKeys() {
    }

    /**
     * Opens every current key's envelope with the certificate's backup and hands each password to {@code check} with
     * its device's name (to compare, never to print; it is wiped after); returns how many opened.
     */
    static int openEveryCurrentKey(EncryptionCredential backup, BiConsumer<String, char[]> check) throws Exception {
        EnvelopeDecryptor decryptor = new EnvelopeDecryptor();
        int opened = 0;
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet envelopes = connection.createStatement().executeQuery("SELECT s.envelope, d.name"
                     + " FROM recovery_key k JOIN sealed_secret s ON s.id = k.secret_id"
                     + " JOIN device d ON d.id = k.device_id WHERE k.current_flag")) {
            while (envelopes.next()) {
                RecoveryPassword password = decryptor.openRecoveryPassword(envelopes.getBytes(1),
                        backup.privateKey(), backup.certificate());
                char[] text = password.toCharArray();
                try {
                    check.accept(envelopes.getString(2), text);
                } finally {
                    Arrays.fill(text, '0');
                }
                opened++;
            }
        }
        return opened;
    }
}
