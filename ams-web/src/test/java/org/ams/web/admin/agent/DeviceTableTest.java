package org.ams.web.admin.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceListFilter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.MatchMode;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class DeviceTableTest {

    private static final UUID GROUP = UUID.randomUUID();

    /** A group's members, as the Groups page reads them. */
    private final DeviceTable members = new DeviceTable() {

        private static final long serialVersionUID = 1L;

        @Override
        protected DeviceDirectory directory() {
            throw new AssertionError("not read here");
        }

        @Override
        protected DeviceListFilter filter(String nameContains, DeviceListFilter.Order order, boolean descending) {
            return DeviceListFilter.membersOf(GROUP, nameContains, order, descending);
        }
    };

    private static Map<String, FilterMeta> nameFilter(String typed) {
        return Map.of("name", FilterMeta.builder().field("name").filterValue(typed).matchMode(MatchMode.CONTAINS)
                .build());
    }

    private static Map<String, SortMeta> sortedBy(String field, SortOrder order) {
        return Map.of(field, SortMeta.builder().field(field).order(order).build());
    }

    @Test
    @DisplayName("Nothing typed and no column clicked: every device the table holds, by name")
    void unfilteredAndUnsortedIsByName() {
        assertEquals(DeviceListFilter.membersOf(GROUP, null, DeviceListFilter.Order.NAME, false),
                members.filter(Map.of(), Map.of()));
    }

    @Test
    @DisplayName("The typed name and the clicked column, in its direction, reach the directory")
    void nameFilterAndSortColumnBecomeTheFilter() {
        assertEquals(DeviceListFilter.membersOf(GROUP, "pc-00", DeviceListFilter.Order.STATE, true),
                members.filter(nameFilter("pc-00"), sortedBy("state", SortOrder.DESCENDING)));
        assertEquals(DeviceListFilter.membersOf(GROUP, "pc-00", DeviceListFilter.Order.NAME, true),
                members.filter(nameFilter("pc-00"), sortedBy("name", SortOrder.DESCENDING)));
        assertEquals(DeviceListFilter.membersOf(GROUP, null, DeviceListFilter.Order.NAME, false),
                members.filter(Map.of(), sortedBy("name", SortOrder.ASCENDING)));
    }
}
