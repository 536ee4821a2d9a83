package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.UUID;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.CryptoException;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.web.PageMessages;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * Backs the "Back up..." dialog: the PKCS#12 file with the private key, protected by a password typed twice. After
 * "Generate new..." the dialog opens by itself with the warning the administrator guide gives.
 */
@Named
@ViewScoped
public class BackupCertificateBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EncryptionCertificateService certificates;

    @Inject
    private PasswordSettingsBacking page;

    private UUID certificateId;
    private String subject;
    private boolean visible;
    private String password;
    private String confirmation;

    public void open(UUID id) {
        certificateId = id;
        subject = certificates.find(id).map(CertificateOverview::getSubject).orElse("");
        visible = true;
        password = null;
        confirmation = null;
    }

    /**
     * The PKCS#12 download, or {@code null} (no download, the page shows why) when the passwords do not match or
     * the service refuses.
     */
    public StreamedContent download() {
        try {
            if (password == null || !password.equals(confirmation)) {
                PageMessages.error("The two passwords are not the same. Type the backup password twice.");
                return null;
            }
            byte[] pkcs12 = certificates.exportPkcs12(certificateId, password.toCharArray());
            String fileName = "ams-encryption-certificate-" + certificateId.toString().substring(0, 8) + ".pfx";
            visible = false;
            page.refresh();
            return DefaultStreamedContent.builder()
                    .name(fileName)
                    .contentType("application/x-pkcs12")
                    .contentLength((long) pkcs12.length)
                    .stream(() -> new ByteArrayInputStream(pkcs12))
                    .build();
        } catch (CryptoException e) {
            PageMessages.error(e.getMessage());
            return null;
        } finally {
            password = null;
            confirmation = null;
        }
    }

    public void close() {
        visible = false;
    }

    public String getSubject() {
        return subject;
    }

    public boolean isVisible() {
        return visible;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
