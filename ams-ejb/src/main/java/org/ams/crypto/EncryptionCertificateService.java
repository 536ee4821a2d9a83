package org.ams.crypto;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditTrail;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.certificate.Pkcs12ImportException;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.security.RoleNames;

/**
 * The administrator's use cases for encryption certificates: generate, import, back up, set active (which starts
 * the re-encryption of every stored secret), retire and delete. Every one of them is recorded in the audit trail in
 * the same transaction; a refused one changes nothing.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class EncryptionCertificateService {

    public static final int DEFAULT_KEY_BITS = 4096;
    public static final int MAX_KEY_BITS = 8192;
    /** Long, because every agent must be given a new certificate when it ends, and rotation re-wraps every secret. */
    public static final int DEFAULT_VALIDITY_YEARS = 20;
    public static final int MAX_VALIDITY_YEARS = 50;
    public static final int MAX_COMMON_NAME = 200;
    /** A PKCS#12 file with one RSA key and its certificate is a few KiB. */
    public static final int MAX_PKCS12_BYTES = 64 * 1024;
    /** The backup file may be attacked offline for years; 12 characters is the least we let protect it. */
    public static final int MIN_BACKUP_PASSWORD = 12;
    static final String TARGET_TYPE = "EncryptionCertificate";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private SoftwareKeyStore softwareKeys;

    @Inject
    private Pkcs11KeyStore tokenKeys;

    @Inject
    private CertificateKeys keys;

    @EJB
    private SecretVault vault;

    @EJB
    private AuditTrail audit;

    @Inject
    private Event<RotationStarted> rotationStarted;

    /** The certificate agents encrypt to, handed to them at check-in. */
    @PermitAll
    public Optional<X509Certificate> activeCertificate() {
        return vault.activeCertificate().map(EncryptionCertificate::certificate);
    }

    public List<CertificateOverview> overview() {
        Map<UUID, Long> counts = vault.countsByCertificate();
        Instant now = Instant.now();
        return em.createNamedQuery(EncryptionCertificate.ALL, EncryptionCertificate.class).getResultStream()
                .map(c -> CertificateOverview.of(c, counts.getOrDefault(c.getId(), 0L), now))
                .toList();
    }

    public Optional<CertificateOverview> find(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(EncryptionCertificate.class, key))
                .map(c -> CertificateOverview.of(c, vault.countSealedTo(c.getId()), Instant.now()));
    }

    /** The newest rotation, running or not, for the progress shown on the page. */
    public Optional<CertificateRotation> latestRotation() {
        return em.createNamedQuery(CertificateRotation.LATEST, CertificateRotation.class).setMaxResults(1)
                .getResultStream().findFirst();
    }

    public boolean hsmConfigured() {
        return tokenKeys.configured();
    }

    /**
     * Generates an RSA key and a self-signed encryption certificate. A software key must be backed up
     * ({@link #exportPkcs12}) before it may become active.
     */
    public CertificateOverview generate(String commonName, int keyBits, int validityYears, KeyStorage storage) {
        String name = commonName == null ? "" : commonName.strip();
        if (name.isEmpty() || name.length() > MAX_COMMON_NAME) {
            throw new CertificateRefusedException("Give the certificate a name of 1 to " + MAX_COMMON_NAME + " characters.");
        }
        if (keyBits < EncryptionCertificates.MIN_RSA_KEY_BITS || keyBits > MAX_KEY_BITS) {
            throw new CertificateRefusedException("The RSA key size must be between "
                    + EncryptionCertificates.MIN_RSA_KEY_BITS + " and " + MAX_KEY_BITS + " bits.");
        }
        if (validityYears < 1 || validityYears > MAX_VALIDITY_YEARS) {
            throw new CertificateRefusedException("The validity must be between 1 and " + MAX_VALIDITY_YEARS + " years.");
        }
        Duration validity = ChronoUnit.YEARS.getDuration().multipliedBy(validityYears);
        EncryptionCertificate created;
        if (storage == KeyStorage.PKCS11) {
            String alias = "ams-" + UUID.randomUUID();
            EncryptionCredential credential = tokenKeys.generate(alias, name, keyBits, validity);
            created = EncryptionCertificate.withTokenKey(credential.certificate(), alias, CertificateOrigin.GENERATED);
        } else {
            EncryptionCredential credential = EncryptionCertificates.generate(name, keyBits, validity);
            created = EncryptionCertificate.withSoftwareKey(credential.certificate(), softwareKeys.seal(credential.privateKey()),
                    CertificateOrigin.GENERATED);
        }
        em.persist(created);
        audit.record("certificate.generated", TARGET_TYPE, created.getId().toString(), created.getSubject(),
                created.getKeyAlgorithm() + " " + created.getKeySize() + ", key in " + created.getKeyStorage()
                        + ", SHA-256 " + created.getThumbprint() + ", valid until " + created.getNotAfter().toLocalDate());
        return CertificateOverview.of(created, 0, Instant.now());
    }

    /** Imports a certificate and its private key from a PKCS#12 (PFX) file; the key is then kept sealed. */
    public CertificateOverview importPkcs12(byte[] file, char[] password) {
        if (file == null || file.length == 0) {
            throw new CertificateRefusedException("Choose a PKCS#12 (.pfx or .p12) file to import.");
        }
        if (file.length > MAX_PKCS12_BYTES) {
            throw new CertificateRefusedException("The file is " + file.length / 1024 + " KiB; a PKCS#12 file with one "
                    + "encryption key is a few KiB, and at most " + MAX_PKCS12_BYTES / 1024 + " KiB are accepted.");
        }
        EncryptionCredential credential;
        try {
            credential = EncryptionCertificates.fromPkcs12(file, password == null ? new char[0] : password);
        } catch (Pkcs12ImportException e) {
            throw new CertificateRefusedException(importMessage(e), e);
        }
        checkEncryptsAndDecrypts(credential, softwareKeys.decryptor());
        EncryptionCertificate created = EncryptionCertificate.withSoftwareKey(credential.certificate(),
                softwareKeys.seal(credential.privateKey()), CertificateOrigin.IMPORTED_PKCS12);
        persistNew(created);
        audit.record("certificate.imported", TARGET_TYPE, created.getId().toString(), created.getSubject(),
                "from a PKCS#12 file; " + created.getKeyAlgorithm() + " " + created.getKeySize() + ", SHA-256 "
                        + created.getThumbprint() + ", valid until " + created.getNotAfter().toLocalDate());
        return CertificateOverview.of(created, 0, Instant.now());
    }

    /** Takes into use a key and certificate that already sit in the HSM under {@code alias}. */
    public CertificateOverview importFromToken(String alias) {
        String name = alias == null ? "" : alias.strip();
        if (name.isEmpty()) {
            throw new CertificateRefusedException("Give the alias (label) of the key in the HSM.");
        }
        EncryptionCredential credential = tokenKeys.existing(name);
        if (credential.certificate().getNotAfter().toInstant().isBefore(Instant.now())) {
            throw new CertificateRefusedException("The certificate of '" + name + "' expired on "
                    + credential.certificate().getNotAfter().toInstant() + ".");
        }
        checkEncryptsAndDecrypts(credential, tokenKeys.decryptor());
        EncryptionCertificate created = EncryptionCertificate.withTokenKey(credential.certificate(), name,
                CertificateOrigin.IMPORTED_FROM_TOKEN);
        persistNew(created);
        audit.record("certificate.imported", TARGET_TYPE, created.getId().toString(), created.getSubject(),
                "key '" + name + "' in the HSM; " + created.getKeyAlgorithm() + " " + created.getKeySize()
                        + ", SHA-256 " + created.getThumbprint());
        return CertificateOverview.of(created, 0, Instant.now());
    }

    /**
     * Exports the certificate with its private key as PKCS#12 protected by {@code password}, and records that a
     * backup exists. With this file and stock OpenSSL an administrator can open every secret sealed to it.
     */
    public byte[] exportPkcs12(UUID id, char[] password) {
        if (password == null || password.length < MIN_BACKUP_PASSWORD) {
            throw new CertificateRefusedException("The backup password needs at least " + MIN_BACKUP_PASSWORD
                    + " characters: the file protects every secret sealed to this certificate.");
        }
        EncryptionCertificate certificate = get(id, LockModeType.OPTIMISTIC);
        certificate.markBackedUp();
        PrivateKey key = softwareKeys.privateKey(certificate);
        byte[] pkcs12 = EncryptionCertificates.toPkcs12(key, certificate.certificate(), password);
        audit.record("certificate.exported", TARGET_TYPE, certificate.getId().toString(), certificate.getSubject(),
                "PKCS#12 backup with private key downloaded");
        return pkcs12;
    }

    /**
     * Makes the certificate the one agents and the server seal to, and starts re-wrapping every secret sealed to
     * another certificate. The previously active certificate stays available for decryption.
     */
    public void activate(UUID id) {
        EncryptionCertificate target = get(id, LockModeType.PESSIMISTIC_WRITE);
        if (target.isActive()) {
            return;
        }
        Optional<EncryptionCertificate> previous = vault.activeCertificate();
        target.checkActivatable(Instant.now());
        // The previous certificate releases the one-active marker first, or the unique constraint would refuse.
        previous.ifPresent(EncryptionCertificate::deactivate);
        em.flush();
        target.activate(Instant.now());
        // Locked: a worker's batch of the running rotation may be committing (it counts its progress in the row), and
        // an optimistic read would make this activation fail on the row's version. The worker's next batch finds the
        // rotation superseded and stops.
        em.createNamedQuery(CertificateRotation.RUNNING, CertificateRotation.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                .forEach(CertificateRotation::supersede);
        long toRewrap = em.createQuery("SELECT COUNT(s) FROM SealedSecret s WHERE s.certificate <> :target", Long.class)
                .setParameter("target", target).getSingleResult();
        audit.record("certificate.activated", TARGET_TYPE, target.getId().toString(), target.getSubject(),
                previous.map(p -> "replaces " + p.getSubject() + " (SHA-256 " + p.getThumbprint() + ")")
                        .orElse("first active certificate"));
        if (toRewrap > 0) {
            CertificateRotation rotation = new CertificateRotation(target, toRewrap);
            String claim = UUID.randomUUID().toString();
            rotation.claim(claim, OffsetDateTime.now(ZoneOffset.UTC).plus(
                    RotationBatch.lease(RotationRunner.configuredPauseMillis())));
            em.persist(rotation);
            audit.record("rotation.started", TARGET_TYPE, target.getId().toString(), target.getSubject(),
                    toRewrap + " stored secret(s) to re-encrypt");
            rotationStarted.fire(new RotationStarted(rotation.getId(), claim));
        }
    }

    /** Takes a certificate out of use for good; only once nothing is sealed to it. */
    public void retire(UUID id) {
        EncryptionCertificate certificate = get(id, LockModeType.PESSIMISTIC_WRITE);
        certificate.retire(vault.countSealedTo(id));
        audit.record("certificate.retired", TARGET_TYPE, id.toString(), certificate.getSubject(), null);
    }

    /** Deletes a certificate and (for a software key) its private key; only once nothing is sealed to it. */
    public void delete(UUID id) {
        EncryptionCertificate certificate = get(id, LockModeType.PESSIMISTIC_WRITE);
        certificate.checkDeletable(vault.countSealedTo(id));
        em.createQuery("DELETE FROM CertificateRotation r WHERE r.target = :certificate")
                .setParameter("certificate", certificate).executeUpdate();
        em.remove(certificate);
        softwareKeys.forget(id);
        audit.record("certificate.deleted", TARGET_TYPE, id.toString(), certificate.getSubject(),
                "SHA-256 " + certificate.getThumbprint()
                        + (certificate.getKeyStorage() == KeyStorage.PKCS11
                        ? "; the key '" + certificate.getTokenKeyAlias() + "' remains in the HSM" : ""));
    }

    private EncryptionCertificate get(UUID id, LockModeType lock) {
        EncryptionCertificate found = id == null ? null : em.find(EncryptionCertificate.class, id, lock);
        if (found == null) {
            throw new CertificateNotFoundException(id);
        }
        return found;
    }

    private void persistNew(EncryptionCertificate created) {
        boolean known = em.createNamedQuery(EncryptionCertificate.BY_THUMBPRINT, EncryptionCertificate.class)
                .setParameter("thumbprint", created.getThumbprint()).getResultStream().findAny().isPresent();
        if (known) {
            throw new CertificateRefusedException("This certificate (SHA-256 " + created.getThumbprint()
                    + ") is already in AMS.");
        }
        em.persist(created);
    }

    /** Proves the key belongs to the certificate and works, by sealing and opening a random value. */
    private static void checkEncryptsAndDecrypts(EncryptionCredential credential,
                                                 EnvelopeDecryptor decryptor) {
        byte[] probe = new byte[32];
        RANDOM.nextBytes(probe);
        byte[] opened = null;
        try {
            byte[] envelope = new EnvelopeEncryptor().encrypt(probe, credential.certificate());
            opened = decryptor.decrypt(envelope, credential.privateKey(), credential.certificate());
            if (!Arrays.equals(probe, opened)) {
                throw new CertificateRefusedException("The private key does not open what is sealed to the certificate.");
            }
        } catch (EnvelopeException e) {
            throw new CertificateRefusedException("The certificate cannot be used for encryption: " + e.getMessage(), e);
        } finally {
            if (opened != null) {
                Arrays.fill(opened, (byte) 0);
            }
        }
    }

    private static String importMessage(Pkcs12ImportException e) {
        return switch (e.reason()) {
            case MALFORMED -> "The file is not a PKCS#12 (.pfx/.p12) file, or it is damaged.";
            case WRONG_PASSWORD -> "The password does not open this PKCS#12 file.";
            case NO_PRIVATE_KEY -> "The file holds only certificates, no private key. Export the certificate "
                    + "together with its private key.";
            case MORE_THAN_ONE_KEY -> "The file holds more than one private key; export only the encryption key.";
            case KEY_NOT_RSA -> "The private key is not an RSA key; AMS encrypts only to RSA keys.";
            case KEY_TOO_SMALL -> "The RSA key is too small: " + e.getMessage() + ".";
            case NO_MATCHING_CERTIFICATE -> "No certificate in the file belongs to its private key.";
            case CERTIFICATE_EXPIRED -> "The certificate has expired: " + e.getMessage() + ".";
            case CERTIFICATE_NOT_YET_VALID -> "The certificate is not valid yet: " + e.getMessage() + ".";
        };
    }
}
