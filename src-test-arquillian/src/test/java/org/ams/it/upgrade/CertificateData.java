package org.ams.it.upgrade;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.ams.crypto.CertificateOrigin;
import org.ams.crypto.CertificateRotation;
import org.ams.crypto.CertificateState;
import org.ams.crypto.KeyStorage;
import org.ams.crypto.SecretKind;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeException;

/**
 * Encryption certificates with real RSA key pairs kept the way the software key store keeps them (PKCS#8 sealed with
 * the master key), and the vault's sealed secrets: V3 brings an active certificate, a retired one and secrets kept
 * in the vault alone; V12 imports a second certificate, makes it active and leaves the re-encryption of every secret
 * half done, as a server stopped for the upgrade in the middle of a rotation would.
 */
final class CertificateData {

    private static final String TYPE = "EncryptionCertificate";

    private CertificateData() {
    }

    /** V3: the first active certificate, a retired pilot one, and two secrets sealed to the active one. */
    static void firstCertificates(FixtureContext ctx) throws SQLException, EnvelopeException {
        UUID active = certificate(ctx, "first", "AMS recovery passwords 2024", 2048, CertificateOrigin.GENERATED);
        ctx.audited(IdentityData.ACTOR, "certificate.exported", TYPE, active, subject(ctx, "first"),
                "PKCS#12 backup with private key downloaded");
        activate(ctx, "first", null);

        UUID pilot = certificate(ctx, "pilot", "AMS pilot certificate", 2048, CertificateOrigin.GENERATED);
        ctx.audited(IdentityData.ACTOR, "certificate.exported", TYPE, pilot, subject(ctx, "pilot"),
                "PKCS#12 backup with private key downloaded");
        ctx.rows.update("UPDATE encryption_certificate SET state = ?, version = version + 1 WHERE id = ?",
                CertificateState.RETIRED, pilot);
        ctx.facts.put("certificate.pilot.state", CertificateState.RETIRED);
        ctx.audited(IdentityData.ACTOR, "certificate.retired", TYPE, pilot, subject(ctx, "pilot"), null);

        seal(ctx, "vault-1", "first");
        seal(ctx, "vault-2", "first");
    }

    /**
     * V12: a PKCS#12-imported certificate made active; the rotation to it has re-wrapped the first half of the
     * secrets (in the database's id order, as rotation batches go) and is still RUNNING, so the upgraded server
     * resumes it at start.
     */
    static void rotationInProgress(FixtureContext ctx) throws SQLException, EnvelopeException {
        certificate(ctx, "second", "AMS recovery passwords 2026", 3072, CertificateOrigin.IMPORTED_PKCS12);
        activate(ctx, "second", "first");
        EncryptionCredential from = ctx.certificates.get("first");
        EncryptionCredential to = ctx.certificates.get("second");
        UUID target = ctx.facts.id("certificate.second.id");
        List<UUID> toRewrap = ctx.rows.column("SELECT id FROM sealed_secret WHERE certificate_id <> ? ORDER BY id",
                UUID.class, target);
        int half = toRewrap.size() / 2;
        for (UUID secret : toRewrap.subList(0, half)) {
            byte[] envelope = ctx.rows.bytes("SELECT envelope FROM sealed_secret WHERE id = ?", secret);
            ctx.rows.update("UPDATE sealed_secret SET envelope = ?, certificate_id = ?, sealed_at = ?, "
                            + "version = version + 1 WHERE id = ?",
                    ctx.crypto.rewrap(envelope, from.privateKey(), from.certificate(), to.certificate()), target,
                    ctx.now(), secret);
        }
        UUID rotation = UUID.randomUUID();
        ctx.rows.insert("certificate_rotation", "id", rotation, "target_certificate_id", target,
                "state", CertificateRotation.State.RUNNING, "cursor_id", toRewrap.get(half - 1).toString(),
                "total", toRewrap.size(), "rewrapped", half, "failed", 0, "started_at", ctx.now(),
                "finished_at", null, "version", 1);
        ctx.audited(IdentityData.ACTOR, "rotation.started", TYPE, target, subject(ctx, "second"),
                toRewrap.size() + " stored secret(s) to re-encrypt");
        ctx.facts.put("rotation.resumed.id", rotation).put("rotation.resumed.total", toRewrap.size())
                .put("rotation.resumed.rewrapped", half);
    }

    /**
     * A recovery password sealed to a certificate and kept in the vault; the facts keep its id and digest.
     *
     * @return the sealed secret's id
     */
    static UUID seal(FixtureContext ctx, String handle, String certificate) throws SQLException, EnvelopeException {
        RecoveryPassword password = FixtureCrypto.newRecoveryPassword();
        UUID id = UUID.randomUUID();
        OffsetDateTime at = ctx.now();
        ctx.rows.insert("sealed_secret", "id", id, "kind", SecretKind.RECOVERY_PASSWORD,
                "envelope", ctx.crypto.seal(password, ctx.certificates.get(certificate).certificate()),
                "certificate_id", ctx.facts.id("certificate." + certificate + ".id"), "created_at", at,
                "sealed_at", at, "version", 0);
        ctx.facts.put("secret." + handle + ".id", id).put("secret." + handle + ".sha256", FixtureCrypto.digest(password))
                .put("secret." + handle + ".sealed-to", certificate);
        return id;
    }

    /** The handle of the certificate new secrets are sealed to now. */
    static String active(FixtureContext ctx) {
        return ctx.facts.get("state.active-certificate");
    }

    private static UUID certificate(FixtureContext ctx, String handle, String commonName, int bits,
                                    CertificateOrigin origin) throws SQLException {
        EncryptionCredential credential = ctx.crypto.newCertificate(commonName, bits, ctx.now().toInstant());
        X509Certificate certificate = credential.certificate();
        UUID id = UUID.randomUUID();
        OffsetDateTime created = ctx.now();
        ctx.rows.insert("encryption_certificate", "id", id,
                "subject", certificate.getSubjectX500Principal().getName(),
                "thumbprint_sha256", EncryptionCertificates.thumbprintSha256(certificate),
                "key_algorithm", certificate.getPublicKey().getAlgorithm(),
                "key_size", ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength(),
                "not_before", OffsetDateTime.ofInstant(certificate.getNotBefore().toInstant(), ZoneOffset.UTC),
                "not_after", OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC),
                "state", CertificateState.AVAILABLE, "active", null, "origin", origin,
                "key_storage", KeyStorage.SOFTWARE, "certificate_der", encoded(certificate),
                "sealed_private_key", ctx.crypto.sealPrivateKey(credential.privateKey()), "token_key_alias", null,
                // An imported PKCS#12 file is its own backup; a generated key is backed up right after (V3).
                "backed_up_at", origin == CertificateOrigin.IMPORTED_PKCS12 ? created : created.plusMinutes(3),
                "created_at", created, "activated_at", null, "version", 0);
        ctx.certificates.put(handle, credential);
        ctx.facts.put("certificate." + handle + ".id", id)
                .put("certificate." + handle + ".subject", certificate.getSubjectX500Principal().getName())
                .put("certificate." + handle + ".thumbprint", EncryptionCertificates.thumbprintSha256(certificate))
                .put("certificate." + handle + ".state", CertificateState.AVAILABLE)
                .put("certificate." + handle + ".origin", origin);
        ctx.audited(IdentityData.ACTOR, origin == CertificateOrigin.GENERATED ? "certificate.generated"
                : "certificate.imported", TYPE, id, certificate.getSubjectX500Principal().getName(), "RSA " + bits
                + ", key in SOFTWARE, SHA-256 " + EncryptionCertificates.thumbprintSha256(certificate));
        return id;
    }

    private static void activate(FixtureContext ctx, String handle, String previous) throws SQLException {
        if (previous != null) {
            ctx.rows.update("UPDATE encryption_certificate SET state = ?, active = NULL, version = version + 1 "
                    + "WHERE id = ?", CertificateState.AVAILABLE, ctx.facts.id("certificate." + previous + ".id"));
            ctx.facts.put("certificate." + previous + ".state", CertificateState.AVAILABLE);
        }
        ctx.rows.update("UPDATE encryption_certificate SET state = ?, active = TRUE, activated_at = ?, "
                        + "version = version + 1 WHERE id = ?", CertificateState.ACTIVE, ctx.now(),
                ctx.facts.id("certificate." + handle + ".id"));
        ctx.facts.put("certificate." + handle + ".state", CertificateState.ACTIVE).put("state.active-certificate", handle);
        ctx.audited(IdentityData.ACTOR, "certificate.activated", TYPE, ctx.facts.id("certificate." + handle + ".id"),
                subject(ctx, handle), previous == null ? "first active certificate"
                        : "replaces " + subject(ctx, previous));
    }

    private static String subject(FixtureContext ctx, String handle) {
        return ctx.facts.get("certificate." + handle + ".subject");
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
