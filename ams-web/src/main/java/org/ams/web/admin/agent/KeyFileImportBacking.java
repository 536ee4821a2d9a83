package org.ams.web.admin.agent;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.keyimport.FileImportResult;
import org.ams.keyimport.FileKeyImport;
import org.ams.keyimport.KeyImportException;
import org.ams.keyimport.RecoveryKeyFile;
import org.ams.web.PageMessages;

/**
 * Backs the Devices page's Import section: a CSV file of recovery passwords is uploaded and previewed (counts, bad
 * rows), then imported as a whole, or its valid rows only. The file's bytes stay in this bean between the preview and
 * the import and are wiped as soon as the import ran or the administrator cancelled; they are transient, so they are
 * never written out with the session.
 */
@Named
@ViewScoped
public class KeyFileImportBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private FileKeyImport fileImport;

    @EJB
    private DeviceDirectory directory;

    private transient Part file;
    private transient byte[] content;
    private String fileName;
    private String tenantId = Tenant.DEFAULT.toString();
    private FileImportResult preview;

    public List<Tenant> getTenants() {
        return directory.tenants();
    }

    /** Preview: reads the file and says what importing it would do; nothing is stored. */
    public void preview() {
        forget();
        if (file == null || file.getSize() == 0) {
            PageMessages.error("Choose a CSV file of recovery passwords to import.");
            return;
        }
        if (file.getSize() > RecoveryKeyFile.MAX_BYTES) {
            PageMessages.error("The file is " + (file.getSize() + 1023) / 1024 + " KiB; at most "
                    + RecoveryKeyFile.MAX_BYTES / 1024 / 1024 + " MiB are read. Split it into several files.");
            file = null;
            return;
        }
        try {
            try (var in = file.getInputStream()) {
                content = in.readNBytes(RecoveryKeyFile.MAX_BYTES + 1);
            }
            fileName = file.getSubmittedFileName();
            preview = fileImport.preview(tenant(), fileName, content);
        } catch (KeyImportException e) {
            PageMessages.error(e.getMessage());
            forget();
        } catch (IOException e) {
            PageMessages.error("The file could not be read; upload it again.");
            forget();
        } finally {
            file = null;
        }
    }

    /** Import: every row, refused if any row is bad. */
    public void importAll() {
        run(false);
    }

    /** Import the valid rows: the bad rows are left out. */
    public void importValidRows() {
        run(true);
    }

    public void cancel() {
        forget();
    }

    private void run(boolean validRowsOnly) {
        if (content == null) {
            PageMessages.error("Upload the file again: the preview is no longer held.");
            forget();
            return;
        }
        try {
            FileImportResult result = fileImport.importFile(tenant(), fileName, content, validRowsOnly);
            if (result.stored()) {
                PageMessages.info("Imported " + result.fileName() + " into " + result.tenantName() + ": "
                        + result.summary() + (result.hasBadRows() ? "; the bad rows were left out." : "."));
                forget();
            } else {
                preview = result;
                PageMessages.error("Nothing was imported: " + result.badRows().size() + " row(s) of "
                        + result.fileName() + " are bad. Correct them, or choose Import the valid rows.");
            }
        } catch (KeyImportException e) {
            PageMessages.error(e.getMessage() + " Nothing was imported.");
            forget();
        }
    }

    private UUID tenant() {
        try {
            return UUID.fromString(tenantId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new KeyImportException("Choose a tenant.");
        }
    }

    @PreDestroy
    void viewEnded() {
        forget();
    }

    private void forget() {
        if (content != null) {
            Arrays.fill(content, (byte) 0);
        }
        content = null;
        fileName = null;
        preview = null;
    }

    public FileImportResult getPreview() {
        return preview;
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }
}
