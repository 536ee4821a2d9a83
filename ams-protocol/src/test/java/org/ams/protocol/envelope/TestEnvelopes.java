package org.ams.protocol.envelope;

import java.security.cert.X509Certificate;

import org.ams.protocol.BouncyCastle;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;

/** Envelopes in formats and algorithms {@link EnvelopeEncryptor} never writes, as other tools might. */
final class TestEnvelopes {

    private TestEnvelopes() {
    }

    /** @param keyTransport the key-transport algorithm, or {@code null} for PKCS#1 v1.5 */
    static byte[] envelopedData(byte[] plaintext, X509Certificate recipient, ASN1ObjectIdentifier contentAlgorithm,
                                AlgorithmIdentifier keyTransport) throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(recipientInfo(recipient, keyTransport));
        return generator.generate(new CMSProcessableByteArray(plaintext),
                new JceCMSContentEncryptorBuilder(contentAlgorithm).setProvider(BouncyCastle.provider()).build()).getEncoded();
    }

    /** @param keyTransport the key-transport algorithm, or {@code null} for PKCS#1 v1.5 */
    static byte[] authEnvelopedData(byte[] plaintext, X509Certificate recipient, ASN1ObjectIdentifier contentAlgorithm,
                                    AlgorithmIdentifier keyTransport) throws Exception {
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(recipientInfo(recipient, keyTransport));
        return generator.generate(new CMSProcessableByteArray(plaintext), (OutputAEADEncryptor)
                new JceCMSContentEncryptorBuilder(contentAlgorithm).setProvider(BouncyCastle.provider()).build()).getEncoded();
    }

    private static JceKeyTransRecipientInfoGenerator recipientInfo(X509Certificate recipient, AlgorithmIdentifier keyTransport)
            throws CMSException, java.security.cert.CertificateEncodingException {
        JceKeyTransRecipientInfoGenerator generator = keyTransport == null
                ? new JceKeyTransRecipientInfoGenerator(recipient) : new JceKeyTransRecipientInfoGenerator(recipient, keyTransport);
        generator.setProvider(BouncyCastle.provider());
        return generator;
    }

    /** @return the AuthEnvelopedData structure of an envelope */
    static AuthEnvelopedData structureOf(byte[] der) throws java.io.IOException {
        return AuthEnvelopedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContent());
    }

    /** @return the only KeyTransRecipientInfo of an AuthEnvelopedData envelope */
    static KeyTransRecipientInfo keyTransRecipientInfo(byte[] der) throws java.io.IOException {
        return KeyTransRecipientInfo.getInstance(RecipientInfo.getInstance(structureOf(der).getRecipientInfos().getObjectAt(0)).getInfo());
    }

    /** @return where {@code needle} starts in {@code haystack} */
    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
