package org.ams.agents;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.ams.crypto.CryptoEngine;

/**
 * Checks the ES256 signature of a device assertion against the device's registered public key. Every agent call
 * costs one such check, so it runs in the native provider of {@link CryptoEngine} where that loads (about a tenth of
 * a millisecond instead of one to three with the JDK's P-256 code); otherwise in the JDK.
 */
final class AssertionSignatures {

    private final Optional<Provider> provider;

    /** @param provider the provider for the key and the signature check; empty for the JDK's */
    AssertionSignatures(Optional<Provider> provider) {
        this.provider = provider;
    }

    /**
     * @param jwt a parsed assertion
     * @param subjectPublicKeyInfo the device's registered key, X.509 SubjectPublicKeyInfo DER
     * @return whether the signature was made with that key over that assertion
     * @throws GeneralSecurityException if the registered key is not an EC key the provider can use
     */
    boolean verify(SignedJWT jwt, byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        KeyFactory factory = provider.filter(p -> p.getService("KeyFactory", "EC") != null)
                .map(p -> keyFactory(p)).orElseGet(AssertionSignatures::jdkKeyFactory);
        if (!(factory.generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo)) instanceof ECPublicKey key)) {
            throw new GeneralSecurityException("the registered key is not an EC key");
        }
        try {
            ECDSAVerifier verifier = new ECDSAVerifier(key);
            provider.ifPresent(p -> verifier.getJCAContext().setProvider(p));
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            throw new GeneralSecurityException("the signature cannot be checked: " + e.getMessage(), e);
        }
    }

    private static KeyFactory keyFactory(Provider provider) {
        try {
            return KeyFactory.getInstance("EC", provider);
        } catch (GeneralSecurityException e) {
            return jdkKeyFactory();
        }
    }

    private static KeyFactory jdkKeyFactory() {
        try {
            return KeyFactory.getInstance("EC");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no EC key factory", e);
        }
    }
}
