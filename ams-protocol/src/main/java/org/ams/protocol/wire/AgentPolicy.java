package org.ams.protocol.wire;

/** The effective agent policy for one device, as the agent applies it until the next check-in. */
public record AgentPolicy(int checkInIntervalMinutes, boolean backupOsDrive, boolean backupFixedDrives,
                          boolean backupRemovableDrives) {

    public boolean allows(DriveType type) {
        switch (type) {
            case OS:
                return backupOsDrive;
            case FIXED:
                return backupFixedDrives;
            case REMOVABLE:
                return backupRemovableDrives;
            default:
                return false;
        }
    }
}
