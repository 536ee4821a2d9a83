package org.ams.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeEncryptor;

/**
 * Measures how many recovery passwords per second one thread can seal and open with an RSA-4096 encryption
 * certificate, against OpenSSL's own RSA-4096 speed on the same machine. Sealing costs one public-key operation,
 * opening one private-key operation, so {@code openssl speed}'s verify/s and sign/s are the natural ceilings.
 * <p>
 * Opening is measured the way the server does it for a certificate whose key it keeps in its database: through
 * {@link SoftwareKeyStore#decrypt}, which unseals the private key with the master key, and runs RSA-OAEP in the provider
 * {@link CryptoEngine} offers (the native one where it loads). For comparison it is also measured with RSA in the JDK alone and in BouncyCastle.
 *
 * <p>Not a test; run by hand:
 * <pre>
 * mvn -B -q -pl ams-ejb -am test-compile exec:java -Dexec.mainClass=org.ams.crypto.EnvelopeBenchmark -Dexec.classpathScope=test
 * </pre>
 * Prints counts and rates only, never a password.
 */
public final class EnvelopeBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration MEASURE = Duration.ofSeconds(5);

    private EnvelopeBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        System.out.println("Generating an RSA-4096 encryption certificate...");
        EncryptionCredential credential = EncryptionCertificates.generate("AMS benchmark", 4096, Duration.ofDays(1));
        X509Certificate certificate = credential.certificate();
        EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        random.nextBytes(key);
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(key);
        byte[] envelope = encryptor.seal(password, certificate);
        byte[] masterKeyMaterial = new byte[32];
        random.nextBytes(masterKeyMaterial);
        MasterKey masterKey = MasterKey.of(masterKeyMaterial);

        Provider chosen = CryptoEngine.nativeProvider(AmsSettings.of(Map.of(), Map.of())).orElseGet(SoftwareKeyStore::jdkRsa);
        SoftwareKeyStore server = new SoftwareKeyStore(masterKey, chosen);
        EncryptionCertificate stored = EncryptionCertificate.withSoftwareKey(certificate, server.seal(credential.privateKey()),
                CertificateOrigin.GENERATED);
        SoftwareKeyStore jdkOnly = new SoftwareKeyStore(masterKey, SoftwareKeyStore.jdkRsa());
        EnvelopeDecryptor bouncyCastle = new EnvelopeDecryptor();

        Operation seal = () -> encryptor.seal(password, certificate);
        Operation openServer = () -> check(password, server.decrypt(stored,
                (decryptor, privateKey) -> decryptor.openRecoveryPassword(envelope, privateKey, certificate)));
        Operation openJdk = () -> check(password, jdkOnly.decrypt(stored,
                (decryptor, privateKey) -> decryptor.openRecoveryPassword(envelope, privateKey, certificate)));
        Operation openBouncyCastle = () -> check(password,
                bouncyCastle.openRecoveryPassword(envelope, credential.privateKey(), certificate));
        double sealRate = rate(seal);
        double openServerRate = rate(openServer);
        double openJdkRate = rate(openJdk);
        double openBouncyCastleRate = rate(openBouncyCastle);

        System.out.println("Running openssl speed -seconds 5 rsa4096 (about 10 s)...");
        double[] openssl = opensslRsa4096();

        System.out.printf(Locale.ROOT, "%nRSA-4096, one thread, %s%n", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  AMS seal (public-key op + AES-GCM):             %10.1f ops/s%n", sealRate);
        System.out.printf(Locale.ROOT, "  AMS open, server path (%s): %10.1f ops/s%n", chosen.getName(), openServerRate);
        System.out.printf(Locale.ROOT, "  AMS open, RSA in the JDK only:                  %10.1f ops/s%n", openJdkRate);
        System.out.printf(Locale.ROOT, "  AMS open, RSA in BouncyCastle:                  %10.1f ops/s%n", openBouncyCastleRate);
        if (openssl != null) {
            System.out.printf(Locale.ROOT, "  openssl rsa4096 sign (private key):             %10.1f ops/s%n", openssl[0]);
            System.out.printf(Locale.ROOT, "  openssl rsa4096 verify (public key):            %10.1f ops/s%n", openssl[1]);
            System.out.printf(Locale.ROOT, "  AMS open (server path) / openssl sign = %.2f   (goal: at least 0.80)%n", openServerRate / openssl[0]);
            System.out.printf(Locale.ROOT, "  AMS open (JDK only) / openssl sign    = %.2f%n", openJdkRate / openssl[0]);
            System.out.printf(Locale.ROOT, "  AMS open (BouncyCastle) / openssl sign = %.2f%n", openBouncyCastleRate / openssl[0]);
            System.out.printf(Locale.ROOT, "  AMS seal / openssl verify             = %.2f%n", sealRate / openssl[1]);
        }
    }

    private static void check(RecoveryPassword expected, RecoveryPassword opened) {
        if (!expected.equals(opened)) {
            throw new IllegalStateException("the benchmark envelope did not open to its password");
        }
    }

    private static double rate(Operation operation) throws Exception {
        measure(operation, WARM_UP);
        return measure(operation, MEASURE);
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    private static double measure(Operation operation, Duration duration) throws Exception {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long count = 0;
        long now;
        do {
            operation.run();
            count++;
            now = System.nanoTime();
        } while (now < deadline);
        return count / ((now - start) / 1e9);
    }

    /** @return {sign/s, verify/s} from {@code openssl speed}, or {@code null} if it could not be run */
    private static double[] opensslRsa4096() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("openssl", "speed", "-seconds", "5", "rsa4096").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            System.out.println("openssl speed failed:\n" + output);
            return null;
        }
        // The summary line reads: "rsa 4096 bits 0.003690s 0.000057s    271.0  17543.9" (sign, verify, sign/s, verify/s).
        for (String line : output.split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 7 && columns[0].equals("rsa") && columns[1].equals("4096") && columns[2].equals("bits")) {
                return new double[] {Double.parseDouble(columns[5]), Double.parseDouble(columns[6])};
            }
        }
        System.out.println("could not find the rsa 4096 line in:\n" + output);
        return null;
    }
}
