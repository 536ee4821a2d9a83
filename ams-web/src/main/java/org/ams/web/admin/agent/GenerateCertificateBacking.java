package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Year;
import java.util.List;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.CryptoException;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.KeyStorage;
import org.ams.web.PageMessages;
import org.primefaces.PrimeFaces;

/** Backs the "Generate new..." dialog; a generated software certificate goes straight on to the backup dialog. */
@Named
@ViewScoped
public class GenerateCertificateBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EncryptionCertificateService certificates;

    @Inject
    private BackupCertificateBacking backup;

    @Inject
    private PasswordSettingsBacking page;

    private String commonName;
    private int keyBits = EncryptionCertificateService.DEFAULT_KEY_BITS;
    private int validityYears = EncryptionCertificateService.DEFAULT_VALIDITY_YEARS;
    private KeyStorage storage = KeyStorage.SOFTWARE;

    /** Prepares the dialog with the defaults. */
    public void open() {
        commonName = "AMS recovery password encryption " + Year.now();
        keyBits = EncryptionCertificateService.DEFAULT_KEY_BITS;
        validityYears = EncryptionCertificateService.DEFAULT_VALIDITY_YEARS;
        storage = KeyStorage.SOFTWARE;
    }

    public void generate() {
        try {
            CertificateOverview generated = certificates.generate(commonName, keyBits, validityYears, storage);
            page.refresh();
            PrimeFaces.current().executeScript("PF('generateDialog').hide()");
            if (generated.isExportable()) {
                backup.open(generated.getId());
                PrimeFaces.current().executeScript("PF('backupDialog').show()");
            } else {
                PageMessages.info("Generated " + generated.getSubject() + " inside the HSM; its key cannot leave the "
                        + "token, so back up the token with the HSM's own tools.");
            }
        } catch (CryptoException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public List<Integer> getKeySizes() {
        return List.of(2048, 3072, 4096);
    }

    public String getCommonName() {
        return commonName;
    }

    public void setCommonName(String commonName) {
        this.commonName = commonName;
    }

    public int getKeyBits() {
        return keyBits;
    }

    public void setKeyBits(int keyBits) {
        this.keyBits = keyBits;
    }

    public int getValidityYears() {
        return validityYears;
    }

    public void setValidityYears(int validityYears) {
        this.validityYears = validityYears;
    }

    public KeyStorage getStorage() {
        return storage;
    }

    public void setStorage(KeyStorage storage) {
        this.storage = storage;
    }
}
