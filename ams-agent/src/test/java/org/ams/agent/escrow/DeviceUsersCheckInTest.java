package org.ams.agent.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ams.agent.bitlocker.RecordingPowerShell;
import org.ams.agent.bitlocker.Recordings;
import org.ams.agent.bitlocker.VolumeReadException;
import org.ams.agent.bitlocker.WindowsVolumeSource;
import org.ams.agent.state.RotationJournal;
import org.ams.agent.users.DeviceUsers;
import org.ams.agent.users.WindowsDeviceUsers;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.DeviceFacts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A check-in on Windows reports who signed in: the PowerShell calls in order, and the users in the request. */
class DeviceUsersCheckInTest {

    private static final DeviceFacts DEVICE = new DeviceFacts("PC-1", "pc-1.example", "Windows 11", "10.0", "test");
    private static final String OLD = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";

    private final List<String> events = new ArrayList<>();
    private final StringWriter logged = new StringWriter();
    private RotatingServer server;
    private RecordingPowerShell powerShell;

    @BeforeEach
    void device() {
        server = new RotatingServer(EncryptionCertificates.generate("AMS test encryption", 2048, Duration.ofDays(1)),
                events);
        server.hold(OLD, "531058-303050-716078-383614-460922-106975-083446-139161");
        powerShell = new RecordingPowerShell(events, Recordings.read(Recordings.SINGLE_VOLUME_OBJECT));
    }

    @Test
    @DisplayName("Read the volumes, read the users, then check in with both")
    void usersTravelInTheCheckIn() throws Exception {
        powerShell.users("{\"computerName\":\"PC-1\",\"currentUser\":\"CORP\\\\jdoe\",\"lastLoggedOnUser\":"
                + "\"CORP\\\\jdoe\",\"profiles\":[{\"account\":\"PC-1\\\\admin\"},{\"account\":\"CORP\\\\asmith\"}]}");

        cycle(new WindowsDeviceUsers(powerShell));

        assertEquals(List.of("powershell:" + RecordingPowerShell.READ_VOLUMES,
                "powershell:" + RecordingPowerShell.READ_USERS, "server:check-in"), events);
        assertEquals(List.of("CORP\\jdoe", "CORP\\asmith"), server.signedInUsers.get(0));
    }

    @Test
    @DisplayName("Users that cannot be read are not reported (null), with a warning; the check-in goes ahead")
    void unreadableUsersAreNotReported() throws Exception {
        powerShell.answer(RecordingPowerShell.READ_USERS, () -> {
            throw new VolumeReadException("access denied");
        });

        cycle(new WindowsDeviceUsers(powerShell));

        assertEquals(3, events.size());
        assertEquals("server:check-in", events.get(2));
        assertNull(server.signedInUsers.get(0));
        assertTrue(logged.toString().contains("without the device's users"), logged.toString());
    }

    @Test
    @DisplayName("An agent wired without a users source reports none (null), as older agents do")
    void noSourceReportsNothing() throws Exception {
        cycle(DeviceUsers.NOT_REPORTED);

        assertEquals(List.of("powershell:" + RecordingPowerShell.READ_VOLUMES, "server:check-in"), events);
        assertNull(server.signedInUsers.get(0));
    }

    private void cycle(DeviceUsers users) throws Exception {
        new EscrowCycle(server, new WindowsVolumeSource(powerShell), new EnvelopeEncryptor(),
                RotationJournal.inMemory(), new AgentLog(new PrintWriter(logged, true), Clock.systemUTC()),
                Clock.systemUTC(), users).run(DEVICE, () -> "assertion");
    }
}
