package org.ams.protocol.envelope;

import java.security.spec.MGF1ParameterSpec;
import java.util.Map;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.util.DigestFactory;

/**
 * The RSAES-OAEP key-transport parameters AMS writes, and the check of those it is willing to read.
 *
 * <p>Only OAEP is accepted: PKCS#1 v1.5 key transport is open to Bleichenbacher-style oracles on a server that
 * decrypts what clients send. OAEP's SHA-1 default is refused too, so every envelope AMS reads was made with the
 * parameters it documents (SHA-2 for both the label hash and MGF1, empty label).
 */
final class RsaOaep {

    private static final Map<ASN1ObjectIdentifier, String> DIGEST_NAMES = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    /** RSAES-OAEP with SHA-256, MGF1 with SHA-256 and an empty label: what {@link EnvelopeEncryptor} writes. */
    static final AlgorithmIdentifier SHA256_MGF1_SHA256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
            new RSAESOAEPparams(
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1,
                            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)),
                    RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));

    private final ASN1ObjectIdentifier digest;
    private final ASN1ObjectIdentifier mgfDigest;

    private RsaOaep(ASN1ObjectIdentifier digest, ASN1ObjectIdentifier mgfDigest) {
        this.digest = digest;
        this.mgfDigest = mgfDigest;
    }

    /**
     * @param keyEncryptionAlgorithm the key-encryption algorithm of a KeyTransRecipientInfo
     * @return its OAEP parameters, if AMS accepts them
     * @throws EnvelopeException {@link EnvelopeException.Reason#UNSUPPORTED_ALGORITHM} otherwise
     */
    static RsaOaep accept(AlgorithmIdentifier keyEncryptionAlgorithm) throws EnvelopeException {
        if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(keyEncryptionAlgorithm.getAlgorithm())) {
            throw unsupported("the content key is wrapped with " + keyEncryptionAlgorithm.getAlgorithm().getId()
                    + "; AMS accepts only RSAES-OAEP (1.2.840.113549.1.1.7)");
        }
        RSAESOAEPparams parameters;
        try {
            ASN1Encodable encoded = keyEncryptionAlgorithm.getParameters();
            parameters = RSAESOAEPparams.getInstance(encoded == null || encoded instanceof DERNull ? null : encoded);
        } catch (IllegalArgumentException e) {
            throw unsupported("the RSAES-OAEP parameters are malformed");
        }
        if (parameters == null) {
            throw unsupported("the RSAES-OAEP parameters are the SHA-1 defaults; AMS requires SHA-256 or stronger");
        }
        ASN1ObjectIdentifier digest = parameters.getHashAlgorithm().getAlgorithm();
        if (!DIGEST_NAMES.containsKey(digest)) {
            throw unsupported("RSAES-OAEP uses hash " + digest.getId() + "; AMS requires SHA-256, SHA-384 or SHA-512");
        }
        AlgorithmIdentifier mask = parameters.getMaskGenAlgorithm();
        if (!PKCSObjectIdentifiers.id_mgf1.equals(mask.getAlgorithm())) {
            throw unsupported("RSAES-OAEP uses mask generation " + mask.getAlgorithm().getId() + "; AMS requires MGF1");
        }
        ASN1ObjectIdentifier mgfDigest;
        try {
            mgfDigest = AlgorithmIdentifier.getInstance(mask.getParameters()).getAlgorithm();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw unsupported("the MGF1 parameters are malformed");
        }
        if (!DIGEST_NAMES.containsKey(mgfDigest)) {
            throw unsupported("MGF1 uses hash " + mgfDigest.getId() + "; AMS requires SHA-256, SHA-384 or SHA-512");
        }
        AlgorithmIdentifier label = parameters.getPSourceAlgorithm();
        if (!PKCSObjectIdentifiers.id_pSpecified.equals(label.getAlgorithm())
                || !(label.getParameters() instanceof ASN1OctetString octets) || octets.getOctets().length != 0) {
            throw unsupported("RSAES-OAEP uses a label; AMS requires the empty label");
        }
        return new RsaOaep(digest, mgfDigest);
    }

    private static EnvelopeException unsupported(String message) {
        return new EnvelopeException(EnvelopeException.Reason.UNSUPPORTED_ALGORITHM, message);
    }

    /** @return the parameters for a JCA {@code RSA/ECB/OAEPPadding} cipher */
    OAEPParameterSpec parameterSpec() {
        return new OAEPParameterSpec(DIGEST_NAMES.get(digest), "MGF1", new MGF1ParameterSpec(DIGEST_NAMES.get(mgfDigest)),
                PSource.PSpecified.DEFAULT);
    }

    /** @return a fresh lightweight digest for the label hash, for OAEP decoding done in software */
    Digest newDigest() {
        return newDigest(digest);
    }

    /** @return a fresh lightweight digest for MGF1, for OAEP decoding done in software */
    Digest newMgfDigest() {
        return newDigest(mgfDigest);
    }

    private static Digest newDigest(ASN1ObjectIdentifier oid) {
        if (NISTObjectIdentifiers.id_sha256.equals(oid)) {
            return DigestFactory.createSHA256();
        }
        if (NISTObjectIdentifiers.id_sha384.equals(oid)) {
            return DigestFactory.createSHA384();
        }
        return DigestFactory.createSHA512();
    }
}
