package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceState;
import org.ams.escrow.Escrow;
import org.ams.escrow.KeyHistory;
import org.ams.escrow.RotationException;
import org.ams.escrow.Rotations;
import org.ams.web.PageMessages;

/**
 * Backs the keys dialog of {@code admin/agent/devices.xhtml}: one computer's escrowed keys, current and history, with
 * who was last shown each and how its latest rotation stands, and Rotate now for one current key. The administrator
 * sees metadata only: the role cannot read recovery passwords, and nothing here asks for one.
 */
@Named
@ViewScoped
public class DeviceKeysBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private DeviceDirectory directory;

    @EJB
    private Escrow escrow;

    @EJB
    private Rotations rotations;

    private UUID deviceId;
    private String deviceName;
    private boolean approved;
    private List<EscrowedKeyRow> keys = List.of();
    private List<String> notEscrowed = List.of();

    /** Reads the computer's keys for the dialog. */
    public void open(UUID id) {
        deviceId = id;
        load();
    }

    /** Rotate now for one key; the dialog then shows the request. */
    public void rotate(UUID keyId) {
        String described = keys.stream().filter(key -> key.getId().equals(keyId)).findFirst()
                .map(key -> "key ID " + key.getKeyId() + " (" + key.getDrive() + ")").orElse("the recovery password");
        try {
            int requested = rotations.rotateKey(keyId);
            PageMessages.info(requested == 0
                    ? "The recovery password of " + described + " on " + deviceName + " is already being replaced."
                    : "The recovery password of " + described + " on " + deviceName + " will be replaced at the "
                    + "device's next check-in.");
        } catch (RotationException | DeviceException e) {
            PageMessages.error(e.getMessage());
        }
        load();
    }

    private void load() {
        List<String> reported;
        try {
            Device device = directory.get(deviceId);
            deviceName = device.getName();
            approved = device.getState() == DeviceState.APPROVED;
            reported = device.getReportedProtectorIds();
        } catch (DeviceException e) {
            keys = List.of();
            notEscrowed = List.of();
            PageMessages.error(e.getMessage());
            return;
        }
        KeyHistory history = rotations.historyOf(deviceId);
        keys = escrow.keysOf(deviceId).stream().map(key -> EscrowedKeyRow.of(key, history.latestRotation(key.getId()),
                history.lastShown(key.getId()), history.timesShown(key.getId()))).toList();
        Set<String> held = keys.stream().filter(EscrowedKeyRow::isCurrent).map(EscrowedKeyRow::getProtectorId)
                .collect(Collectors.toSet());
        notEscrowed = reported.stream().filter(id -> !held.contains(id)).toList();
    }

    /**
     * Recovery-password protectors the agent last reported on the device that AMS holds no current key for: the agent
     * uploads them at its next check-in, unless the agent policy leaves out their drive type or the upload failed.
     */
    public List<String> getNotEscrowed() {
        return notEscrowed;
    }

    public String getDeviceName() {
        return deviceName;
    }

    /** Only an approved device checks in, so only its keys can be rotated. */
    public boolean isApproved() {
        return approved;
    }

    public List<EscrowedKeyRow> getKeys() {
        return keys;
    }

    public long getCurrentCount() {
        return keys.stream().filter(EscrowedKeyRow::isCurrent).count();
    }
}
