package org.ams.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.ams.agent.bitlocker.PowerShellProcess;
import org.ams.agent.bitlocker.VolumeSource;
import org.ams.agent.bitlocker.VolumesFile;
import org.ams.agent.bitlocker.WindowsVolumeSource;
import org.ams.agent.escrow.AgentLog;
import org.ams.agent.escrow.EscrowCycle;
import org.ams.agent.identity.DeviceAssertion;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.state.AgentState;
import org.ams.agent.state.RotationJournalFile;
import org.ams.agent.transport.AgentClient;
import org.ams.agent.transport.ServerTrust;
import org.ams.agent.users.DeviceUsers;
import org.ams.agent.users.UsersFile;
import org.ams.agent.users.WindowsDeviceUsers;
import org.ams.protocol.envelope.EnvelopeEncryptor;

/** Wires a registered agent together from its data directory: trust, client, device key, volume source. */
final class Agent {

    private Agent() {
    }

    static ServerTrust trust(AgentState state) throws IOException {
        if (state.pinSha256() != null) {
            return ServerTrust.pinned(state.pinSha256());
        }
        if (state.trustStore() != null) {
            return ServerTrust.trustStore(Path.of(state.trustStore()),
                    state.trustStorePassword() == null ? null : state.trustStorePassword().toCharArray());
        }
        return ServerTrust.systemDefault();
    }

    static VolumeSource volumes(Path volumesFile) {
        return volumesFile != null ? new VolumesFile(volumesFile) : new WindowsVolumeSource(new PowerShellProcess());
    }

    /**
     * Who signed in: the users file when given; with a volumes file but no users file, nobody is reported (a test or
     * demo device that states no users); otherwise Windows.
     */
    static DeviceUsers users(Path volumesFile, Path usersFile, String deviceName) {
        if (usersFile != null) {
            return new UsersFile(usersFile, deviceName);
        }
        return volumesFile != null ? DeviceUsers.NOT_REPORTED : new WindowsDeviceUsers(new PowerShellProcess());
    }

    static EscrowCycle cycle(AgentState state, Path dataDirectory, Path volumesFile, Path usersFile, AgentLog log,
                             Clock clock) throws IOException {
        return new EscrowCycle(new AgentClient(state.serverUrl(), trust(state)), volumes(volumesFile),
                new EnvelopeEncryptor(), new RotationJournalFile(dataDirectory), log, clock,
                users(volumesFile, usersFile, ThisDevice.facts(state.deviceName()).hostname()));
    }

    static EscrowCycle.AssertionSource assertions(AgentState state, Path dataDirectory, Clock clock)
            throws IOException {
        DeviceAssertion assertion = new DeviceAssertion(DeviceKey.load(dataDirectory), clock);
        return () -> assertion.sign(state.deviceId(), state.serverUrl());
    }
}
