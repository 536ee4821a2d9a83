package org.ams.keyimport;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditTrail;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Directory;
import org.ams.devices.Tenant;
import org.ams.identity.ldap.DirectorySource;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.security.RoleNames;

/**
 * Setting up the BitLocker key import of a directory (Settings / Authentication): turning it on or off, its search
 * bases, interval, and the tenant and group imported computers land in. Every change is in the audit trail.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class KeyImports {

    /** Audit action of a change of a directory's key import settings. */
    public static final String CONFIGURED = "bitlocker-import.configured";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private DirectorySourceService directories;

    @EJB
    private DeviceDirectory devices;

    @EJB
    private AuditTrail audit;

    /** The key import of every directory that has one set up. */
    public List<DirectoryKeyImport> all() {
        return em.createNamedQuery(DirectoryKeyImport.ALL, DirectoryKeyImport.class).getResultList();
    }

    public Optional<DirectoryKeyImport> find(UUID directorySourceId) {
        return Optional.ofNullable(directorySourceId).map(id -> em.find(DirectoryKeyImport.class, id));
    }

    /**
     * Sets the directory's key import up, or changes it. Imported computers land in a directory of the tenant named
     * after the directory source; a change of tenant applies to computers imported from then on.
     */
    public DirectoryKeyImport configure(UUID directorySourceId, KeyImportSettings settings) {
        DirectorySource source = directories.find(directorySourceId)
                .orElseThrow(() -> new KeyImportException("That directory no longer exists; reload the page."));
        Tenant tenant;
        try {
            tenant = devices.tenant(settings.tenantId());
        } catch (org.ams.devices.DeviceException e) {
            throw new KeyImportException(e.getMessage());
        }
        String group = "no group";
        if (settings.deviceGroupId() != null) {
            DeviceGroup chosen = em.find(DeviceGroup.class, settings.deviceGroupId());
            if (chosen == null || !chosen.getTenant().getId().equals(tenant.getId())) {
                throw new KeyImportException("Choose a device group of tenant " + tenant.getName() + ".");
            }
            group = "group " + chosen.getName();
        }
        Directory landing;
        try {
            landing = devices.importDirectory(tenant.getId(), source.getName());
        } catch (org.ams.devices.DeviceException e) {
            throw new KeyImportException(e.getMessage());
        }
        DirectoryKeyImport keyImport = em.find(DirectoryKeyImport.class, directorySourceId);
        boolean added = keyImport == null;
        if (added) {
            keyImport = new DirectoryKeyImport(directorySourceId);
        }
        keyImport.configure(settings, landing.getId());
        if (added) {
            em.persist(keyImport);
        }
        audit.record(CONFIGURED, "DirectorySource", directorySourceId.toString(), source.getName(),
                "BitLocker key import " + (settings.enabled() ? "on" : "off") + ": search bases "
                        + String.join("; ", settings.searchBases()) + ", every " + settings.intervalMinutes()
                        + " minutes, computers land in " + tenant.getName() + " / " + landing.getName() + ", "
                        + group);
        return keyImport;
    }
}
