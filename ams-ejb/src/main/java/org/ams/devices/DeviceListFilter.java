package org.ams.devices;

import java.util.Locale;

/**
 * Which devices a page of the device list shows and in which order: the deleted ones or the others, those whose name
 * contains a text (in any case), sorted by name or by state. The database does the filtering, sorting and cutting,
 * so a list of tens of thousands of devices costs one page's rows.
 *
 * @param deleted      the deleted devices instead of the others
 * @param nameContains part of the name, or {@code null} / blank for any name
 * @param order        the column the list is sorted by
 * @param descending   whether the order is reversed
 */
public record DeviceListFilter(boolean deleted, String nameContains, Order order, boolean descending) {

    /** The columns the device list can be sorted by; ties are broken by name, then id, so pages never overlap. */
    public enum Order {
        NAME,
        STATE
    }

    public DeviceListFilter {
        order = order == null ? Order.NAME : order;
    }

    /** The devices in use (not deleted), by name. */
    public static DeviceListFilter listed() {
        return new DeviceListFilter(false, null, Order.NAME, false);
    }

    boolean filtersByName() {
        return nameContains != null && !nameContains.isBlank();
    }

    /** A LIKE pattern (escape character {@code !}) for the lower-cased name the device table keeps. */
    String namePattern() {
        return "%" + nameContains.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_") + "%";
    }

    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        return order == Order.STATE ? " ORDER BY d.state" + direction + ", d.nameKey, d.id"
                : " ORDER BY d.nameKey" + direction + ", d.id" + direction;
    }
}
