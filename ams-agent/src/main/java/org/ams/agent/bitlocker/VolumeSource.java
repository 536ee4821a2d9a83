package org.ams.agent.bitlocker;

import java.util.List;

/** Where the agent learns about the device's BitLocker volumes. */
public interface VolumeSource {

    List<BitLockerVolume> volumes() throws VolumeReadException;
}
