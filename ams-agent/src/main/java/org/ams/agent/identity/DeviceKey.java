package org.ams.agent.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The device's own EC P-256 key pair, kept in the agent's data directory as PKCS#8 (private) and X.509 (public) PEM,
 * the private half readable by the agent's account only. Made once, at the first registration.
 */
public final class DeviceKey {

    static final String PRIVATE_FILE = "device-key.pem";
    static final String PUBLIC_FILE = "device-key.pub.pem";

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private DeviceKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A key kept only in memory, for simulated devices. */
    public static DeviceKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new DeviceKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make EC P-256 keys", e);
        }
    }

    /** The key in {@code dataDirectory}, made and saved first if there is none. */
    public static DeviceKey loadOrCreate(Path dataDirectory) throws IOException {
        Path privateFile = dataDirectory.resolve(PRIVATE_FILE);
        if (Files.exists(privateFile)) {
            return load(dataDirectory);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            OwnerOnlyFiles.write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.write(dataDirectory.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new DeviceKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make EC P-256 keys", e);
        }
    }

    public static DeviceKey load(Path dataDirectory) throws IOException {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            byte[] privateDer = unpem(Files.readString(dataDirectory.resolve(PRIVATE_FILE), StandardCharsets.US_ASCII));
            byte[] publicDer = unpem(Files.readString(dataDirectory.resolve(PUBLIC_FILE), StandardCharsets.US_ASCII));
            return new DeviceKey((ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)),
                    (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicDer)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IOException("The device key in " + dataDirectory + " is damaged; remove "
                    + PRIVATE_FILE + " and register the device again.", e);
        }
    }

    public ECPrivateKey privateKey() {
        return privateKey;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The public key as the registration request carries it: SubjectPublicKeyInfo DER, Base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
