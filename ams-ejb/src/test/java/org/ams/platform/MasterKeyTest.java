package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    @TempDir
    Path dataDir;

    private final byte[] secret = "bind password".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedValuesOpenWithTheSameKeyAndPurposeOnly() {
        MasterKey key = MasterKey.of(new byte[32]);
        byte[] sealed = key.seal(secret, "ldap-bind");

        assertArrayEquals(secret, key.open(sealed, "ldap-bind"));
        assertThrows(MasterKey.MasterKeyException.class, () -> key.open(sealed, "webhook-header"));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThrows(MasterKey.MasterKeyException.class, () -> MasterKey.of(otherKey).open(sealed, "ldap-bind"));
    }

    @Test
    void textSecretsRoundTripAsBase64ForTheirPurposeOnly() {
        MasterKey key = MasterKey.of(new byte[32]);
        char[] password = "Bind-Pässword \u20ac 1".toCharArray();

        String sealed = key.sealText(password, "ldap-bind");

        assertFalse(sealed.contains("Bind"), "the column holds no plaintext");
        assertEquals(1, Base64.getDecoder().decode(sealed)[0], "the sealed format's version byte");
        assertArrayEquals(password, key.openText(sealed, "ldap-bind"), "non-ASCII characters survive");
        assertThrows(MasterKey.MasterKeyException.class, () -> key.openText(sealed, "smtp-password"));
    }

    @Test
    void tamperingIsDetected() {
        MasterKey key = MasterKey.of(new byte[32]);
        byte[] sealed = key.seal(secret, "p");
        sealed[sealed.length - 1] ^= 1;

        assertThrows(MasterKey.MasterKeyException.class, () -> key.open(sealed, "p"));
        assertThrows(MasterKey.MasterKeyException.class, () -> key.open(new byte[3], "p"));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        MasterKey key = MasterKey.of(new byte[32]);

        assertFalse(java.util.Arrays.equals(key.seal(secret, "p"), key.seal(secret, "p")));
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndLaterLoadsReuseIt() throws Exception {
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()), Map.of());

        assertTrue(MasterKey.createFileIfAbsent(settings));
        byte[] sealed = MasterKey.load(settings).seal(secret, "p");
        Path file = dataDir.resolve("master.key");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(MasterKey.createFileIfAbsent(settings), "an existing key is never replaced");
        assertArrayEquals(secret, MasterKey.load(settings).open(sealed, "p"));
    }

    @Test
    void loadingNeverCreatesAKey() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()), Map.of());

        MasterKey.MasterKeyException refused = assertThrows(MasterKey.MasterKeyException.class,
                () -> MasterKey.load(settings));

        assertTrue(refused.getMessage().startsWith("The master key file " + dataDir.resolve("master.key")
                + " is missing"), refused.getMessage());
        assertFalse(Files.exists(dataDir.resolve("master.key")));
    }

    @Test
    void startsRacingToCreateTheKeyFileAllReadOneKey() throws Exception {
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()), Map.of());
        int racers = 8;
        ExecutorService executor = Executors.newFixedThreadPool(racers);
        try {
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<byte[]>> sealedByEach = new ArrayList<>();
            List<Future<Boolean>> createdByEach = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                CompletableFuture<Boolean> created = new CompletableFuture<>();
                createdByEach.add(created);
                sealedByEach.add(executor.submit(() -> {
                    start.await();
                    created.complete(MasterKey.createFileIfAbsent(settings));
                    return MasterKey.load(settings).seal(secret, "p");
                }));
            }
            MasterKey key = null;
            for (Future<byte[]> sealed : sealedByEach) {
                byte[] value = sealed.get();
                key = key == null ? MasterKey.load(settings) : key;
                assertArrayEquals(secret, key.open(value, "p"), "every racer sealed with the one key");
            }
            long creators = 0;
            for (Future<Boolean> created : createdByEach) {
                creators += created.get() ? 1 : 0;
            }
            assertEquals(1, creators, "exactly one racer made the file");
            try (var left = Files.list(dataDir)) {
                assertEquals(List.of(dataDir.resolve("master.key")), left.toList(), "no temporary file is left");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aConfiguredKeyWinsOverTheFile() {
        byte[] material = new byte[32];
        material[5] = 42;
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()),
                Map.of("AMS_MASTER_KEY", Base64.getEncoder().encodeToString(material)));

        byte[] sealed = MasterKey.load(settings).seal(secret, "p");

        assertArrayEquals(secret, MasterKey.of(material).open(sealed, "p"));
        assertFalse(Files.exists(dataDir.resolve("master.key")));
    }

    @Test
    void aMasterKeyOfTheWrongLengthIsRefusedWithAdvice() {
        AmsSettings settings = AmsSettings.of(Map.of(), Map.of("AMS_MASTER_KEY", "c2hvcnQ="));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MasterKey.load(settings));

        assertTrue(refused.getMessage().contains("openssl rand -base64 32"), refused.getMessage());
    }
}
