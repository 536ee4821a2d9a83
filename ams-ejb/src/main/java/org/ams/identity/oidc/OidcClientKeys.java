package org.ams.identity.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.ams.protocol.BouncyCastle;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Making and reading AMS's client key for the private-key JWT credential: an RSA key pair, a self-signed certificate
 * for signing (what Entra ID takes as the application's certificate), the key id (the certificate's SHA-256
 * thumbprint, base64url: what the assertions' {@code kid} and {@code x5t#S256} say), and the public JWK set a provider
 * reads from AMS's JWKS address.
 */
final class OidcClientKeys {

    static final int RSA_BITS = 2048;
    static final Duration VALIDITY = Duration.ofDays(2 * 365);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key: the private key, its certificate, and the key id. */
    record Generated(PrivateKey privateKey, X509Certificate certificate, String keyId) {
    }

    private OidcClientKeys() {
    }

    static Generated generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, RANDOM).setBit(126), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                    .getCertificate(holder);
            return new Generated(pair.getPrivate(), certificate, keyId(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not make a client key", e);
        }
    }

    /** The certificate's SHA-256 thumbprint, base64url without padding. */
    static String keyId(X509Certificate certificate) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()))
                    .toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not hash the certificate", e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encode the certificate", e);
        }
    }

    static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored client certificate cannot be read", e);
        }
    }

    static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored client key cannot be read", e);
        }
    }

    /** The public JWK set: the key for signing with RS256, its id, and its certificate. Never a private part. */
    static String jwks(X509Certificate certificate) {
        try {
            String keyId = keyId(certificate);
            RSAKey key = new RSAKey.Builder((RSAPublicKey) certificate.getPublicKey())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(keyId)
                    .x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
                    .x509CertSHA256Thumbprint(Base64URL.from(keyId))
                    .build();
            return new JWKSet(key).toString(true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not publish the client key", e);
        }
    }
}
