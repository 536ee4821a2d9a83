package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.escrow.RotationException;
import org.ams.escrow.Rotations;
import org.ams.web.PageMessages;

/**
 * Backs the Incident response section of {@code admin/agent/devices.xhtml}: replace every recovery password a user
 * has been shown (their account was compromised), or every one of a device group. Each is asked in two steps: the
 * first takes the scope and names it in a confirmation, the second requests the rotations of exactly the scope that
 * was confirmed, whatever has been typed since.
 */
@Named
@ViewScoped
public class IncidentResponseBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String HOW = " The agent adds a new recovery password, backs it up, and only then removes "
            + "the old one.";

    @EJB
    private DeviceDirectory directory;

    @EJB
    private Rotations rotations;

    private String user;
    private String groupId;
    /** The scope the open confirmation names: a user's name or a group's id, the other {@code null}. */
    private String confirmingUser;
    private UUID confirmingGroup;
    private String confirmingLabel;
    private transient List<DeviceGroup> groups;

    /** First step for a user: names the scope in the confirmation, or says what is missing. */
    public void askShownTo() {
        String name = user == null ? "" : user.strip();
        if (name.isEmpty()) {
            PageMessages.error("Type the user whose shown recovery passwords are to be replaced, as the audit log "
                    + "names them.");
            return;
        }
        confirmingUser = name;
        confirmingGroup = null;
        confirmingLabel = "every recovery password shown to " + name;
    }

    /** First step for a device group. */
    public void askGroup() {
        DeviceGroup group = groupId == null || groupId.isBlank() ? null : getGroups().stream()
                .filter(candidate -> candidate.getId().toString().equals(groupId)).findFirst().orElse(null);
        if (group == null) {
            PageMessages.error("Choose the device group whose recovery passwords are to be replaced.");
            return;
        }
        confirmingUser = null;
        confirmingGroup = group.getId();
        confirmingLabel = "every recovery password of device group " + label(group);
    }

    /** Second step: requests the rotations of the confirmed scope and says how many. */
    public void rotate() {
        if (confirmingLabel == null) {
            return;
        }
        try {
            int requested = confirmingGroup != null ? rotations.rotateGroup(confirmingGroup)
                    : rotations.rotateShownTo(confirmingUser);
            PageMessages.info("Rotation of " + confirmingLabel + " requested: " + requested
                    + " recovery password(s) will be replaced at each device's next check-in"
                    + (requested == 0 ? " (none is current without a rotation already under way)." : "."));
        } catch (RotationException e) {
            PageMessages.error(e.getMessage());
        }
        confirmingLabel = null;
    }

    /** The confirmation's question, naming the scope. */
    public String getQuestion() {
        return confirmingLabel == null ? "" : "Replace " + confirmingLabel + " at each device's next check-in?"
                + HOW;
    }

    /** Every device group, as the Groups page lists them: by tenant, its "All devices" first. */
    public List<DeviceGroup> getGroups() {
        if (groups == null) {
            groups = directory.groups();
        }
        return groups;
    }

    /** A group as the console names it: tenant / group. */
    public String label(DeviceGroup group) {
        return group.getTenant().getName() + " / " + group.getName();
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }
}
