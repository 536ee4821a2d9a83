package org.ams.agent.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void isMadeOnceAndKeptOwnerOnly() throws Exception {
        DeviceKey first = DeviceKey.loadOrCreate(dataDir);
        DeviceKey again = DeviceKey.loadOrCreate(dataDir);

        assertArrayEquals(first.privateKey().getEncoded(), again.privateKey().getEncoded());
        assertArrayEquals(first.publicKey().getEncoded(), again.publicKey().getEncoded());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(DeviceKey.PRIVATE_FILE))));
        assertTrue(Files.readString(dataDir.resolve(DeviceKey.PRIVATE_FILE)).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("secp256r1 [NIST P-256,X9.62 prime256v1] (1.2.840.10045.3.1.7)",
                first.publicKey().getParams().toString());
    }

    @Test
    void aDamagedKeyFileSaysHowToRecover() throws Exception {
        DeviceKey.loadOrCreate(dataDir);
        Files.writeString(dataDir.resolve(DeviceKey.PRIVATE_FILE), "-----BEGIN PRIVATE KEY-----\nAAAA\n");

        IOException refused = assertThrows(IOException.class, () -> DeviceKey.load(dataDir));

        assertTrue(refused.getMessage().contains("register the device again"), refused.getMessage());
    }
}
