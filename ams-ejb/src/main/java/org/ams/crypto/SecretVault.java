package org.ams.crypto;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.security.RoleNames;

/**
 * Every secret AMS keeps, as CMS envelopes sealed to an encryption certificate. Components that keep secrets (the
 * escrow of recovery passwords) store them here and hold on to the returned id; rotation re-wraps this table only.
 * <p>
 * Nothing is stored that the server cannot open: an envelope must be addressed to one of its certificates and is
 * trial-decrypted (for a recovery password, its checksum is verified) before it is kept. An envelope sealed to a
 * certificate other than the active one is re-sealed to the active one at once, so that no new secret comes to
 * depend on a certificate being rotated out.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class SecretVault {

    /** A recovery-password envelope to a 4096-bit certificate is under 1 KiB; anything far larger is refused unread. */
    public static final int MAX_ENVELOPE_BYTES = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(SecretVault.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CertificateKeys keys;

    @EJB
    private AuditTrail audit;

    /**
     * Keeps an envelope made elsewhere (by an agent, with {@code ams-protocol}'s encryptor).
     *
     * @return the id to refer to the secret by
     * @throws SecretRefusedException if it is empty, oversized, malformed, does not open, or (for a recovery password)
     *         does not hold a valid one; {@link UnknownCertificateException} if it is addressed to no certificate of
     *         this server (a retired one included)
     */
    // Any caller: escrow stores what an authenticated agent uploads, with no signed-in user. Nothing is read out.
    @PermitAll
    public UUID store(byte[] envelope, SecretKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (envelope == null || envelope.length == 0) {
            throw new SecretRefusedException("The envelope is empty.");
        }
        if (envelope.length > MAX_ENVELOPE_BYTES) {
            throw new SecretRefusedException("The envelope is " + envelope.length + " bytes; at most "
                    + MAX_ENVELOPE_BYTES + " are accepted.");
        }
        List<EncryptionCertificate> candidates = em.createNamedQuery(EncryptionCertificate.ALL, EncryptionCertificate.class)
                .getResultList().stream().filter(c -> c.getState() != CertificateState.RETIRED).toList();
        Map<String, EncryptionCertificate> byThumbprint = candidates.stream()
                .collect(Collectors.toMap(EncryptionCertificate::getThumbprint, Function.identity()));
        EncryptionCertificate recipient;
        try {
            Optional<X509Certificate> match = keys.addressReader().findRecipientCertificate(envelope,
                    candidates.stream().map(EncryptionCertificate::certificate).toList());
            if (match.isEmpty()) {
                throw new UnknownCertificateException("The envelope is addressed to "
                        + keys.addressReader().recipientsOf(envelope)
                        + ", which is not an encryption certificate of this server.");
            }
            recipient = byThumbprint.get(EncryptionCertificates.thumbprintSha256(match.get()));
            checkContent(envelope, kind, recipient);
        } catch (EnvelopeException e) {
            throw new SecretRefusedException("The envelope was refused: " + e.getMessage(), e);
        }
        EncryptionCertificate active = activeCertificate().orElse(recipient);
        byte[] kept = envelope;
        if (!active.getId().equals(recipient.getId())) {
            kept = reseal(envelope, kind, recipient, active);
            recipient = active;
        }
        SealedSecret secret = new SealedSecret(kind, kept, recipient);
        em.persist(secret);
        return secret.getId();
    }

    /**
     * Seals a recovery password on the server, to the active certificate, which the caller looked up once for all it
     * seals in its transaction ({@link #activeCertificate()}; a page of a directory import, a file): a look-up per key
     * was a good part of an import's time per key.
     *
     * @param active the certificate {@link #activeCertificate()} answered in this transaction
     */
    // Any caller: the BitLocker key import seals what it reads from a directory on a timer (no caller). Nothing is
    // read out, as with store.
    @PermitAll
    public UUID seal(RecoveryPassword password, EncryptionCertificate active) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(active, "active");
        try {
            SealedSecret secret = new SealedSecret(SecretKind.RECOVERY_PASSWORD, keys.seal(password, active), active);
            em.persist(secret);
            return secret.getId();
        } catch (EnvelopeException e) {
            throw new CertificateStateException("The active certificate " + active.getSubject()
                    + " cannot be encrypted to: " + e.getMessage());
        }
    }

    public Optional<SealedSecret> find(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(SealedSecret.class, key));
    }

    /** @return the secret's content; the caller wipes it when done */
    public byte[] open(UUID id) {
        SealedSecret secret = get(id);
        try {
            return keys.open(secret.getEnvelope(), secret.getCertificate());
        } catch (EnvelopeException e) {
            throw unreadable(secret, e);
        }
    }

    // Those who may ask AccessRequests, which decides each read by the authorization rules first, and the device's
    // own users through SelfServiceRecovery, which decides by who signed in on the device.
    @RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR, RoleNames.SELF_SERVICE})
    public RecoveryPassword openRecoveryPassword(UUID id) {
        SealedSecret secret = get(id);
        if (secret.getKind() != SecretKind.RECOVERY_PASSWORD) {
            throw new SecretRefusedException("The secret " + id + " is a " + secret.getKind() + ", not a recovery password.");
        }
        try {
            return keys.openRecoveryPassword(secret.getEnvelope(), secret.getCertificate());
        } catch (EnvelopeException e) {
            throw unreadable(secret, e);
        }
    }

    /**
     * Whether two sealed secrets hold the same recovery password, which stays inside the vault: an agent's upload
     * asks this to tell a resent key from a changed one. Any caller: the upload has no signed-in user, and the
     * answer gives nothing of either password away.
     */
    @PermitAll
    public boolean sameRecoveryPassword(UUID first, UUID second) {
        return openRecoveryPassword(first).equals(openRecoveryPassword(second));
    }

    /**
     * Whether a sealed secret still opens with its certificate's private key and holds a recovery password that
     * passes BitLocker's checksum. The password is opened and dropped inside this method; only the verdict leaves the
     * vault, and nothing is logged per secret (the caller reports a summary). An unreachable HSM is not the secret's
     * fault: it is thrown ({@link HsmUnavailableException}) rather than reported as unreadable.
     */
    // Any caller: the escrow verification runs on a timer and after a certificate rotation, with no signed-in user;
    // the answer holds nothing of the secret.
    @PermitAll
    public SecretCheck checkRecoveryPassword(UUID id) {
        SealedSecret secret = find(id).orElse(null);
        if (secret == null) {
            return SecretCheck.unreadable("the sealed secret is missing");
        }
        if (secret.getKind() != SecretKind.RECOVERY_PASSWORD) {
            return SecretCheck.unreadable("the sealed secret is a " + secret.getKind() + ", not a recovery password");
        }
        try {
            keys.openRecoveryPassword(secret.getEnvelope(), secret.getCertificate());
            return SecretCheck.opens();
        } catch (EnvelopeException e) {
            return SecretCheck.of(e.reason());
        } catch (HsmUnavailableException e) {
            throw e;
        } catch (CryptoException e) {
            // E.g. the certificate's private key is no longer in its key store.
            return SecretCheck.unreadable("the private key of " + secret.getCertificate().getSubject()
                    + " is not available");
        }
    }

    /** How many secrets are sealed to the certificate. */
    public long countSealedTo(UUID certificateId) {
        return em.createQuery("SELECT COUNT(s) FROM SealedSecret s WHERE s.certificate.id = :id", Long.class)
                .setParameter("id", certificateId).getSingleResult();
    }

    /** Counts per certificate id, for the certificate list. */
    public Map<UUID, Long> countsByCertificate() {
        return em.createQuery("SELECT s.certificate.id, COUNT(s) FROM SealedSecret s GROUP BY s.certificate.id", Object[].class)
                .getResultStream().collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1]));
    }

    /**
     * Every sealed secret as JSON Lines, for disaster recovery without AMS: one object per line with {@code id},
     * {@code kind}, {@code certificateThumbprint}, {@code certificateSubject}, {@code sealedAt} and {@code envelope}
     * (the CMS envelope, Base64 DER), and what other components know about the secret (for a recovery password: the
     * device, volume and key protector it unlocks), so that an administrator restoring from it knows which password
     * is which. Never plaintext: opening an envelope needs the certificate's PKCS#12 backup. Descriptions are plain
     * facts, never secrets.
     *
     * @param descriptions extra fields per secret id
     */
    public byte[] exportEnvelopes(Map<UUID, Map<String, String>> descriptions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = writeEnvelopes(out, descriptions);
        audit.record("secrets.exported", "SealedSecret", null, "all sealed secrets",
                count + " encrypted envelope(s) exported for disaster recovery");
        return out.toByteArray();
    }

    private long writeEnvelopes(OutputStream out, Map<UUID, Map<String, String>> descriptions) {
        long[] count = {0};
        Base64.Encoder base64 = Base64.getEncoder();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            em.createQuery("SELECT s FROM SealedSecret s JOIN FETCH s.certificate ORDER BY s.createdAt, s.id", SealedSecret.class)
                    .getResultStream().forEach(secret -> {
                        StringWriter line = new StringWriter();
                        try (JsonGenerator json = Json.createGenerator(line)) {
                            json.writeStartObject()
                                    .write("id", secret.getId().toString())
                                    .write("kind", secret.getKind().name())
                                    .write("certificateThumbprint", secret.getCertificate().getThumbprint())
                                    .write("certificateSubject", secret.getCertificate().getSubject())
                                    .write("sealedAt", secret.getSealedAt().toString());
                            descriptions.getOrDefault(secret.getId(), Map.of()).forEach((field, value) -> {
                                if (value != null) {
                                    json.write(field, value);
                                }
                            });
                            json.write("envelope", base64.encodeToString(secret.getEnvelope()))
                                    .writeEnd();
                        }
                        try {
                            writer.write(line.toString());
                            writer.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        count[0]++;
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** The certificate new secrets are sealed to, if one is active. */
    // Any caller: a public certificate, which agents are told at check-in.
    @PermitAll
    public Optional<EncryptionCertificate> activeCertificate() {
        return em.createNamedQuery(EncryptionCertificate.ACTIVE, EncryptionCertificate.class).getResultStream().findFirst();
    }

    private SealedSecret get(UUID id) {
        return find(id).orElseThrow(() -> new SecretNotFoundException(id));
    }

    private void checkContent(byte[] envelope, SecretKind kind, EncryptionCertificate recipient) throws EnvelopeException {
        if (kind == SecretKind.RECOVERY_PASSWORD) {
            keys.openRecoveryPassword(envelope, recipient);
        } else {
            Arrays.fill(keys.open(envelope, recipient), (byte) 0);
        }
    }

    private byte[] reseal(byte[] envelope, SecretKind kind, EncryptionCertificate from, EncryptionCertificate to) {
        SealedSecret transientSecret = new SealedSecret(kind, envelope, from);
        try {
            return keys.rewrap(transientSecret, to);
        } catch (EnvelopeException e) {
            throw new SecretRefusedException("The envelope could not be re-sealed to the active certificate: " + e.getMessage(), e);
        }
    }

    private SecretUnreadableException unreadable(SealedSecret secret, EnvelopeException e) {
        LOG.log(Level.WARNING, "Sealed secret " + secret.getId() + " did not open with the key of "
                + secret.getCertificate().getSubject() + " (" + e.reason() + ")");
        return new SecretUnreadableException("The secret " + secret.getId() + " cannot be opened with the key of "
                + secret.getCertificate().getSubject() + ".", e);
    }
}
