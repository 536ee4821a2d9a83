package org.ams.web.admin.settings;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Tenant;
import org.ams.identity.ldap.DirectorySource;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.keyimport.DirectoryKeyImport;
import org.ams.keyimport.KeyImportException;
import org.ams.keyimport.KeyImportRunner;
import org.ams.keyimport.KeyImportSettings;
import org.ams.keyimport.KeyImports;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;

/**
 * Backs the "BitLocker key import" section of {@code admin/settings/authentication.xhtml}: for each directory, whether
 * AMS imports the recovery passwords Active Directory holds, from which search bases, how often and into which
 * tenant and group; Run now and Full scan; the last run and its problems.
 */
@Named
@ViewScoped
public class KeyImportBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private DirectorySourceService directories;

    @EJB
    private KeyImports imports;

    @EJB
    private KeyImportRunner runner;

    @EJB
    private DeviceDirectory devices;

    private List<Row> rows;

    private UUID editedId;
    private String editedName;
    private boolean enabled = true;
    private String searchBases;
    private int intervalMinutes = KeyImportSettings.DEFAULT_INTERVAL_MINUTES;
    private UUID tenantId;
    private UUID groupId;

    /** One directory as the section lists it. */
    public record Row(DirectorySource directory, DirectoryKeyImport keyImport, String landsIn, String lastRunAt) {

        public String getName() {
            return directory.getName();
        }

        public boolean isSetUp() {
            return keyImport != null;
        }

        public String getStatus() {
            if (keyImport == null) {
                return "Not set up";
            }
            return (keyImport.isEnabled() ? "On, every " + keyImport.getIntervalMinutes() + " min" : "Off")
                    + (keyImport.isRunUnfinished() ? " · a run resumes" : "");
        }

        public String getSearchBases() {
            return keyImport == null ? "" : String.join("\n", keyImport.getSearchBases());
        }

        public String getLandsIn() {
            return landsIn;
        }

        public String getLastRunAt() {
            return lastRunAt;
        }

        public String getLastRunSummary() {
            return keyImport == null ? null : keyImport.getLastRunSummary();
        }

        public String getLastRunErrors() {
            return keyImport == null ? null : keyImport.getLastRunErrors();
        }

        public boolean isLastRunFailed() {
            return keyImport != null && keyImport.isLastRunFailed();
        }

        public boolean isRunnable() {
            return keyImport != null && keyImport.isEnabled();
        }
    }

    public List<Row> getRows() {
        if (rows == null) {
            Map<UUID, DirectoryKeyImport> byDirectory = imports.all().stream()
                    .collect(Collectors.toMap(DirectoryKeyImport::getDirectorySourceId, Function.identity()));
            Map<UUID, String> tenantNames = devices.tenants().stream()
                    .collect(Collectors.toMap(Tenant::getId, Tenant::getName));
            Map<UUID, String> groupNames = devices.groups().stream()
                    .collect(Collectors.toMap(DeviceGroup::getId, DeviceGroup::getName));
            rows = directories.list().stream().map(directory -> {
                DirectoryKeyImport keyImport = byDirectory.get(directory.getId());
                String landsIn = keyImport == null ? "" : tenantNames.getOrDefault(keyImport.getTenantId(), "?")
                        + " / " + directory.getName() + (keyImport.getDeviceGroupId() == null ? ""
                        : ", group " + groupNames.getOrDefault(keyImport.getDeviceGroupId(), "(deleted)"));
                String lastRun = keyImport == null || keyImport.getLastRunAt() == null ? "Never"
                        : UtcTime.minute(keyImport.getLastRunAt());
                return new Row(directory, keyImport, landsIn, lastRun);
            }).toList();
        }
        return rows;
    }

    /** Reads the directories again: one was added or changed above. */
    public void refresh() {
        rows = null;
    }

    public void startEditing(Row row) {
        editedId = row.directory().getId();
        editedName = row.getName();
        DirectoryKeyImport keyImport = row.keyImport();
        if (keyImport == null) {
            enabled = true;
            searchBases = null;
            intervalMinutes = KeyImportSettings.DEFAULT_INTERVAL_MINUTES;
            tenantId = devices.tenants().get(0).getId();
            groupId = null;
        } else {
            enabled = keyImport.isEnabled();
            searchBases = String.join("\n", keyImport.getSearchBases());
            intervalMinutes = keyImport.getIntervalMinutes();
            tenantId = keyImport.getTenantId();
            groupId = keyImport.getDeviceGroupId();
        }
    }

    public void cancel() {
        editedId = null;
    }

    public void save() {
        attempt(() -> {
            imports.configure(editedId, new KeyImportSettings(enabled,
                    KeyImportSettings.basesFromLines(searchBases), intervalMinutes, tenantId, groupId));
            PageMessages.info("BitLocker key import of " + editedName + (enabled ? " is on: the first run starts "
                    + "within five minutes, or now with Run now." : " is off."));
            editedId = null;
        });
    }

    public void runNow(Row row) {
        start(row, false);
    }

    public void fullScan(Row row) {
        start(row, true);
    }

    private void start(Row row, boolean full) {
        attempt(() -> {
            runner.startNow(row.directory().getId(), full);
            PageMessages.info((full ? "A full scan" : "A run") + " of " + row.getName() + " started. Reload the page "
                    + "to see how it went.");
        });
    }

    private void attempt(Runnable change) {
        try {
            change.run();
            rows = null;
        } catch (KeyImportException e) {
            PageMessages.error(e.getMessage());
        } catch (EJBAccessException e) {
            PageMessages.error("Only administrators may set up the BitLocker key import.");
        }
    }

    public List<Tenant> getTenants() {
        return devices.tenants();
    }

    /** The static groups of the chosen tenant ("All devices" holds every device anyway). */
    public List<DeviceGroup> getGroups() {
        return devices.groups().stream().filter(group -> !group.isAllDevices())
                .filter(group -> group.getTenant().getId().equals(tenantId)).toList();
    }

    public boolean isEditing() {
        return editedId != null;
    }

    public String getEditedName() {
        return editedName;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSearchBases() {
        return searchBases;
    }

    public void setSearchBases(String searchBases) {
        this.searchBases = searchBases;
    }

    public int getIntervalMinutes() {
        return intervalMinutes;
    }

    public void setIntervalMinutes(int intervalMinutes) {
        this.intervalMinutes = intervalMinutes;
    }

    public String getTenant() {
        return tenantId == null ? null : tenantId.toString();
    }

    public void setTenant(String tenant) {
        this.tenantId = tenant == null || tenant.isBlank() ? null : UUID.fromString(tenant);
    }

    /** Empty for no group. */
    public String getGroup() {
        return groupId == null ? "" : groupId.toString();
    }

    public void setGroup(String group) {
        this.groupId = group == null || group.isBlank() ? null : UUID.fromString(group);
    }
}
