package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.CertificateRotation;
import org.ams.crypto.CryptoException;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.escrow.DisasterRecoveryExport;
import org.ams.escrow.Escrow;
import org.ams.web.PageMessages;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * Backs {@code admin/agent/password-settings.xhtml}: the encryption certificates, setting one active, retiring and
 * deleting, the progress of a running re-encryption, and the export of encrypted secrets for disaster recovery.
 */
@Named
@ViewScoped
public class PasswordSettingsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EncryptionCertificateService certificates;

    @EJB
    private Escrow escrow;

    private transient List<CertificateOverview> overview;
    private transient Optional<CertificateRotation> rotation;

    public List<CertificateOverview> getCertificates() {
        if (overview == null) {
            overview = certificates.overview();
        }
        return overview;
    }

    public boolean isHsmConfigured() {
        return certificates.hsmConfigured();
    }

    public CertificateRotation getRotation() {
        if (rotation == null) {
            rotation = certificates.latestRotation();
        }
        return rotation.orElse(null);
    }

    public boolean isRotationRunning() {
        CertificateRotation latest = getRotation();
        return latest != null && latest.isRunning();
    }

    public void activate(UUID id) {
        try {
            certificates.activate(id);
            PageMessages.info("The certificate is now active: agents encrypt to it from their next check-in."
                    + (isRotationRunningAfterRefresh() ? " Stored secrets are being re-encrypted to it." : ""));
        } catch (CryptoException e) {
            PageMessages.error(e.getMessage());
        }
        refresh();
    }

    public void retire(UUID id) {
        try {
            certificates.retire(id);
            PageMessages.info("The certificate is retired.");
        } catch (CryptoException e) {
            PageMessages.error(e.getMessage());
        }
        refresh();
    }

    public void delete(UUID id) {
        try {
            certificates.delete(id);
            PageMessages.info("The certificate is deleted.");
        } catch (CryptoException e) {
            PageMessages.error(e.getMessage());
        }
        refresh();
    }

    /** The encrypted envelopes of every stored secret, as JSON Lines (never plaintext). */
    public StreamedContent downloadEnvelopes() {
        DisasterRecoveryExport export = escrow.exportForDisasterRecovery();
        byte[] content = export.content();
        return DefaultStreamedContent.builder()
                .name(export.fileName())
                .contentType(DisasterRecoveryExport.CONTENT_TYPE)
                .contentLength((long) content.length)
                .stream(() -> new ByteArrayInputStream(content))
                .build();
    }

    /** Re-reads the list and the rotation on the next render. */
    public void refresh() {
        overview = null;
        rotation = null;
    }

    private boolean isRotationRunningAfterRefresh() {
        refresh();
        return isRotationRunning();
    }
}
