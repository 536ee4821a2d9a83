package org.ams.agents;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ams.crypto.CryptoEngine;
import org.ams.platform.AmsSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AssertionSignaturesTest {

    /** The native provider (on Linux x86-64) and the JDK's. */
    static List<Optional<Provider>> providers() {
        Optional<Provider> chosen = CryptoEngine.nativeProvider(AmsSettings.of(Map.of(), Map.of()));
        return chosen.isPresent() ? List.of(chosen, Optional.empty()) : List.of(Optional.empty());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void acceptsOnlyTheRegisteredKeysSignatureOverTheAssertionAsSigned(Optional<Provider> provider) throws Exception {
        AssertionSignatures signatures = new AssertionSignatures(provider);
        KeyPair device = p256();
        KeyPair other = p256();
        String signed = sign(device, "check-in").serialize();

        assertTrue(signatures.verify(SignedJWT.parse(signed), device.getPublic().getEncoded()));
        assertFalse(signatures.verify(SignedJWT.parse(signed), other.getPublic().getEncoded()), "another device's key");
        String[] parts = signed.split("\\.");
        String swappedClaims = parts[0] + "." + sign(device, "upload").serialize().split("\\.")[1] + "." + parts[2];
        assertFalse(signatures.verify(SignedJWT.parse(swappedClaims), device.getPublic().getEncoded()),
                "claims changed after signing");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aRegisteredKeyThatIsNotAnEcKeyCannotBeUsed(Optional<Provider> provider) throws Exception {
        AssertionSignatures signatures = new AssertionSignatures(provider);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        SignedJWT jwt = SignedJWT.parse(sign(p256(), "check-in").serialize());
        byte[] rsaKey = rsa.generateKeyPair().getPublic().getEncoded();
        assertThrows(GeneralSecurityException.class, () -> signatures.verify(jwt, rsaKey));
        assertThrows(GeneralSecurityException.class, () -> signatures.verify(jwt, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static SignedJWT sign(KeyPair key, String purpose) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString()).claim("purpose", purpose).build());
        jwt.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return jwt;
    }
}
