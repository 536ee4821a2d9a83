package org.ams.protocol.envelope;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Whom an envelope is addressed to, read from its KeyTransRecipientInfo without decrypting anything: a certificate's
 * issuer and serial number (what AMS and OpenSSL write by default) or its subject key identifier (what
 * {@code openssl cms -keyid} writes).
 */
public final class EnvelopeRecipient {

    private final X500Principal issuer;
    private final BigInteger serialNumber;
    private final byte[] subjectKeyIdentifier;

    private EnvelopeRecipient(X500Principal issuer, BigInteger serialNumber, byte[] subjectKeyIdentifier) {
        this.issuer = issuer;
        this.serialNumber = serialNumber;
        this.subjectKeyIdentifier = subjectKeyIdentifier;
    }

    static EnvelopeRecipient of(KeyTransRecipientId id) throws IOException {
        X500Principal issuer = id.getIssuer() == null ? null : new X500Principal(id.getIssuer().getEncoded());
        return new EnvelopeRecipient(issuer, id.getSerialNumber(), id.getSubjectKeyIdentifier());
    }

    /** @return the issuer of the recipient certificate, when the envelope names it by issuer and serial number */
    public Optional<X500Principal> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** @return the serial number of the recipient certificate, when the envelope names it by issuer and serial number */
    public Optional<BigInteger> serialNumber() {
        return Optional.ofNullable(serialNumber);
    }

    /** @return a copy of the recipient certificate's subject key identifier, when the envelope names it that way */
    public Optional<byte[]> subjectKeyIdentifier() {
        return Optional.ofNullable(subjectKeyIdentifier).map(byte[]::clone);
    }

    /**
     * @param certificate a candidate recipient certificate
     * @return whether the envelope is addressed to this certificate
     */
    public boolean matches(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        if (issuer != null && serialNumber != null) {
            // X500Principal.equals compares canonical forms, so a PrintableString/UTF8String difference in how the
            // issuer was encoded does not make a genuine recipient look foreign.
            return issuer.equals(certificate.getIssuerX500Principal()) && serialNumber.equals(certificate.getSerialNumber());
        }
        if (subjectKeyIdentifier != null) {
            byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            if (extension == null) {
                return false;
            }
            try {
                byte[] certificateKeyId = ASN1OctetString.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getOctets();
                return MessageDigest.isEqual(subjectKeyIdentifier, certificateKeyId);
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnvelopeRecipient that
                && Objects.equals(issuer, that.issuer)
                && Objects.equals(serialNumber, that.serialNumber)
                && MessageDigest.isEqual(subjectKeyIdentifier, that.subjectKeyIdentifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, serialNumber) * 31 + Arrays.hashCode(subjectKeyIdentifier);
    }

    /** @return the recipient in a form fit for log lines and error messages */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("EnvelopeRecipient[");
        if (issuer != null) {
            text.append("issuer=").append(issuer.getName()).append(", serial=").append(serialNumber.toString(16).toUpperCase(Locale.ROOT));
        }
        if (subjectKeyIdentifier != null) {
            text.append(issuer != null ? ", " : "").append("subjectKeyIdentifier=").append(HexFormat.of().withUpperCase().formatHex(subjectKeyIdentifier));
        }
        return text.append(']').toString();
    }
}
