package org.ams.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceListFilterTest {

    @Test
    @DisplayName("The typed part of a name matches anywhere, in any case, and LIKE's wildcards match only themselves")
    void nameFilterIsALiteralContainsInAnyCase() {
        assertEquals("%pc-0042%", new DeviceListFilter(false, " PC-0042 ", null, false).namePattern());
        assertEquals("%50!%!_off!!%", new DeviceListFilter(false, "50%_OFF!", null, false).namePattern());
        assertFalse(new DeviceListFilter(false, "  ", null, false).filtersByName());
        assertTrue(new DeviceListFilter(true, "a", null, false).filtersByName());
    }

    @Test
    @DisplayName("Every order ends with a unique column, so that pages neither overlap nor skip a device")
    void ordersAreTotal() {
        assertEquals(" ORDER BY d.nameKey ASC, d.id ASC", DeviceListFilter.listed().orderBy());
        assertEquals(" ORDER BY d.nameKey DESC, d.id DESC",
                new DeviceListFilter(false, null, DeviceListFilter.Order.NAME, true).orderBy());
        assertEquals(" ORDER BY d.state DESC, d.nameKey, d.id",
                new DeviceListFilter(false, null, DeviceListFilter.Order.STATE, true).orderBy());
    }

    @Test
    @DisplayName("The whole list reads the device table alone; the members of a group join its membership table")
    void membersOfAGroupAreReadThroughTheMembership() {
        DeviceListFilter all = new DeviceListFilter(false, "pc", null, false);
        assertEquals(" FROM Device d", all.from());
        assertEquals(" WHERE d.state <> org.ams.devices.DeviceState.DELETED AND d.nameKey LIKE :pattern ESCAPE '!'",
                all.where());

        DeviceListFilter members = DeviceListFilter.membersOf(UUID.randomUUID(), null,
                DeviceListFilter.Order.STATE, false);
        assertEquals(" FROM Device d JOIN d.groups g", members.from());
        assertEquals(" WHERE d.state <> org.ams.devices.DeviceState.DELETED AND g.id = :group", members.where());
        assertFalse(members.deleted());
        assertThrows(IllegalArgumentException.class, () -> DeviceListFilter.membersOf(null, null, null, false),
                "no group is not every device");
    }

    @Test
    @DisplayName("A state filter reads that state alone, on the side of deletion it belongs to")
    void oneState() {
        DeviceListFilter pending = DeviceListFilter.inState(DeviceState.PENDING, "pc");
        assertFalse(pending.deleted());
        assertEquals(" WHERE d.state = org.ams.devices.DeviceState.PENDING AND d.nameKey LIKE :pattern ESCAPE '!'",
                pending.where());
        DeviceListFilter deleted = DeviceListFilter.inState(DeviceState.DELETED, null);
        assertTrue(deleted.deleted());
        assertEquals(" WHERE d.state = org.ams.devices.DeviceState.DELETED", deleted.where());
        assertEquals(" WHERE d.state <> org.ams.devices.DeviceState.DELETED", DeviceListFilter.inState(null, null)
                .where());
        assertThrows(IllegalArgumentException.class, () -> new DeviceListFilter(false, null, null, false, null,
                DeviceState.DELETED), "a deleted device is not among the others");
    }
}
