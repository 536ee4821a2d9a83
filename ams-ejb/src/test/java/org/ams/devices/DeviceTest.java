package org.ams.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceTest {

    private static final ReportedFacts FACTS = new ReportedFacts("PC-1", "pc-1.example", "Windows 11", "10.0", "1");

    private static Device device(boolean approvalRequired) {
        return new Device(null, FACTS, new byte[] {1}, "hash", approvalRequired, UUID.randomUUID());
    }

    @Test
    void aKeyWithApprovalMakesDevicesWaitAndOneWithoutApprovesThem() {
        assertEquals(DeviceState.PENDING, device(true).getState());
        assertEquals(DeviceState.APPROVED, device(false).getState());
    }

    @Test
    @DisplayName("Approve, disable, enable, delete: each only from the states where it makes sense")
    void stateChangesFollowTheLifecycle() {
        Device device = device(true);
        assertThrows(DeviceStateException.class, device::enable);

        device.approve();
        device.disable();
        assertEquals(DeviceState.DISABLED, device.getState());
        assertThrows(DeviceStateException.class, device::approve);
        device.enable();
        device.delete();

        assertEquals(DeviceState.DELETED, device.getState());
        DeviceStateException again = assertThrows(DeviceStateException.class, device::delete);
        assertEquals("A deleted device cannot become deleted.", again.getMessage());
    }

    @Test
    @DisplayName("A refused change reads as a sentence, with the article its state needs")
    void refusalReadsAsASentence() {
        Device device = device(false);
        assertEquals("An approved device cannot become rejected.",
                assertThrows(DeviceStateException.class, device::reject).getMessage());
    }

    @Test
    void aRejectedDeviceCanStillBeApprovedLater() {
        Device device = device(true);
        device.reject();
        device.approve();

        assertEquals(DeviceState.APPROVED, device.getState());
    }

    @Test
    void reportedFactsAreBoundedAndRequireAName() {
        assertThrows(InvalidDeviceFactsException.class, () -> new ReportedFacts(" ", null, null, null, null));
        assertThrows(InvalidDeviceFactsException.class,
                () -> new ReportedFacts("x".repeat(Device.MAX_NAME + 1), null, null, null, null));
        assertThrows(InvalidDeviceFactsException.class, () -> new ReportedFacts("PC\u0000", null, null, null, null));
        assertEquals("PC-2", new ReportedFacts("  PC-2 ", "", null, null, null).name());
    }
}
