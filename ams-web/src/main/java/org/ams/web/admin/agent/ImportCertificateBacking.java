package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.CryptoException;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.web.PageMessages;
import org.primefaces.PrimeFaces;
import org.primefaces.model.file.UploadedFile;

/** Backs the "Import..." dialog: a PKCS#12/PFX file with its password, or a key already in the HSM. */
@Named
@ViewScoped
public class ImportCertificateBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EncryptionCertificateService certificates;

    @Inject
    private PasswordSettingsBacking page;

    private transient UploadedFile file;
    private String password;
    private String tokenAlias;

    public void importPkcs12() {
        try {
            if (file == null || file.getSize() == 0) {
                PageMessages.error("Choose a PKCS#12 (.pfx or .p12) file to import.");
                return;
            }
            if (file.getSize() > EncryptionCertificateService.MAX_PKCS12_BYTES) {
                PageMessages.error("The file is " + file.getSize() / 1024 + " KiB; a PKCS#12 file with one encryption "
                        + "key is a few KiB, and at most " + EncryptionCertificateService.MAX_PKCS12_BYTES / 1024
                        + " KiB are accepted.");
                return;
            }
            CertificateOverview imported = certificates.importPkcs12(file.getContent(),
                    password == null ? new char[0] : password.toCharArray());
            PageMessages.info("Imported " + imported.getSubject() + ".");
            page.refresh();
        } catch (CryptoException e) {
            PageMessages.error(e.getMessage());
        } finally {
            file = null;
            password = null;
        }
    }

    public void importFromToken() {
        try {
            CertificateOverview imported = certificates.importFromToken(tokenAlias);
            PageMessages.info("Took the HSM key '" + tokenAlias + "' (" + imported.getSubject() + ") into use.");
            page.refresh();
            PrimeFaces.current().executeScript("PF('importDialog').hide()");
        } catch (CryptoException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getTokenAlias() {
        return tokenAlias;
    }

    public void setTokenAlias(String tokenAlias) {
        this.tokenAlias = tokenAlias;
    }
}
