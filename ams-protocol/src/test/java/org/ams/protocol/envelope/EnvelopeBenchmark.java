package org.ams.protocol.envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;

/**
 * Measures how many recovery passwords per second one thread can seal and open with an RSA-4096 encryption
 * certificate, against OpenSSL's own RSA-4096 speed on the same machine. Sealing costs one public-key operation,
 * opening one private-key operation, so {@code openssl speed}'s verify/s and sign/s are the natural ceilings.
 * Opening is measured twice: with the RSA step in BouncyCastle (the decryptor's default for software keys) and in the
 * JDK's own SunRsaSign/SunJCE, which is what the server's software key store uses.
 *
 * <p>Not a test; run by hand:
 * <pre>
 * mvn -B -q -pl ams-protocol test-compile exec:java -Dexec.mainClass=org.ams.protocol.envelope.EnvelopeBenchmark -Dexec.classpathScope=test
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
        EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
        EnvelopeDecryptor decryptor = new EnvelopeDecryptor();
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        random.nextBytes(key);
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(key);
        byte[] envelope = encryptor.seal(password, credential.certificate());

        // The server's software key store: the same key as a JDK (SunRsaSign) key, RSA-OAEP in SunJCE.
        PrivateKey jdkKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(credential.privateKey().getEncoded()));
        EnvelopeDecryptor jdkDecryptor = EnvelopeDecryptor.builder().keyProvider(Security.getProvider("SunJCE")).build();

        Operation seal = () -> encryptor.seal(password, credential.certificate());
        Operation open = () -> {
            if (!password.equals(decryptor.openRecoveryPassword(envelope, credential.privateKey(), credential.certificate()))) {
                throw new IllegalStateException("the benchmark envelope did not open to its password");
            }
        };
        Operation openJdk = () -> {
            if (!password.equals(jdkDecryptor.openRecoveryPassword(envelope, jdkKey, credential.certificate()))) {
                throw new IllegalStateException("the benchmark envelope did not open to its password");
            }
        };
        measure(seal, WARM_UP);
        double sealRate = measure(seal, MEASURE);
        measure(open, WARM_UP);
        double openRate = measure(open, MEASURE);
        measure(openJdk, WARM_UP);
        double openJdkRate = measure(openJdk, MEASURE);

        System.out.println("Running openssl speed -seconds 5 rsa4096 (about 10 s)...");
        double[] openssl = opensslRsa4096();

        System.out.printf(Locale.ROOT, "%nRSA-4096, one thread, %s%n", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  AMS seal (public-key op + AES-GCM):   %10.1f ops/s%n", sealRate);
        System.out.printf(Locale.ROOT, "  AMS open, RSA in BouncyCastle:        %10.1f ops/s%n", openRate);
        System.out.printf(Locale.ROOT, "  AMS open, RSA in the JDK (server):    %10.1f ops/s%n", openJdkRate);
        if (openssl != null) {
            System.out.printf(Locale.ROOT, "  openssl rsa4096 sign (private key):   %10.1f ops/s%n", openssl[0]);
            System.out.printf(Locale.ROOT, "  openssl rsa4096 verify (public key):  %10.1f ops/s%n", openssl[1]);
            System.out.printf(Locale.ROOT, "  AMS open (BouncyCastle) / openssl sign = %.2f%n", openRate / openssl[0]);
            System.out.printf(Locale.ROOT, "  AMS open (JDK) / openssl sign          = %.2f   (goal: at least 0.80)%n", openJdkRate / openssl[0]);
            System.out.printf(Locale.ROOT, "  AMS seal / openssl verify              = %.2f%n", sealRate / openssl[1]);
        }
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
