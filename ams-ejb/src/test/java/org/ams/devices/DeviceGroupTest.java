package org.ams.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceGroupTest {

    private final Tenant headOffice = new Tenant("Head office");
    private final Tenant branch = new Tenant("Branch office");
    private final DeviceGroup laptops = new DeviceGroup(headOffice, "Laptops", null);

    private static Device named(String name, Tenant tenant) {
        return new Device(Directory.amsDirectoryOf(tenant), new ReportedFacts(name, null, null, null, null),
                new byte[] {1}, "hash", false, UUID.randomUUID());
    }

    @Test
    @DisplayName("Of devices called the same in two tenants, the one of the group's tenant is meant")
    void theDeviceOfTheGroupsTenantIsMeant() {
        Device ofBranch = named("PC-7", branch);
        Device ofHeadOffice = named("PC-7", headOffice);

        assertSame(ofHeadOffice, laptops.meantAmong(List.of(ofBranch, ofHeadOffice)));
    }

    @Test
    @DisplayName("A device of another tenant alone is meant, so that its refusal can say why")
    void aDeviceOfAnotherTenantIsMeantWhenItIsTheOnlyOne() {
        Device ofBranch = named("PC-7", branch);

        assertSame(ofBranch, laptops.meantAmong(List.of(ofBranch)));
    }

    @Test
    @DisplayName("A computer that registered again: the registration not in the group yet is meant")
    void theRegistrationOutsideTheGroupIsMeant() {
        Device first = named("PC-7", headOffice);
        Device again = named("pc-7", headOffice);
        first.join(laptops);

        assertSame(again, laptops.meantAmong(List.of(first, again)));
        again.join(laptops);
        assertSame(first, laptops.meantAmong(List.of(first, again)), "both are in: one, to be refused as a member");
    }

    @Test
    @DisplayName("Two devices of the tenant outside the group with the name: the administrator is asked to tidy up")
    void twoCandidatesAreRefused() {
        DeviceException refused = assertThrows(DeviceException.class,
                () -> laptops.meantAmong(List.of(named("PC-7", headOffice), named("PC-7", headOffice))));

        assertEquals("2 devices of tenant Head office are called PC-7. Delete the ones no longer in use on the Devices "
                + "page, then add the device again.", refused.getMessage());
    }
}
