package org.ams.agent;

import java.time.Clock;
import org.ams.agent.bitlocker.InMemoryVolumes;
import org.ams.agent.identity.DeviceAssertion;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.state.RotationJournal;
import org.ams.protocol.wire.DeviceFacts;

/**
 * One device {@code simulate} registered: its identity, its simulated BitLocker volumes and its rotation journal,
 * both in memory.
 *
 * @param id the device id the server gave at registration
 */
record SimulatedDevice(String id, DeviceKey key, DeviceFacts facts, InMemoryVolumes volumes,
                       RotationJournal journal) {

    /** A fresh device assertion for one request to {@code server}. */
    String assertion(String server) {
        return new DeviceAssertion(key, Clock.systemUTC()).sign(id, server);
    }
}
