package org.ams.devices;

import java.util.UUID;
import org.ams.platform.LikePattern;

/**
 * Which devices a page of a device list shows and in which order: the deleted ones or the others, those of one group
 * or of any, those whose name contains a text (in any case), sorted by name or by state. The database does the
 * filtering, sorting and cutting, so a list of tens of thousands of devices costs one page's rows. The Devices page and
 * the members of a group on the Groups page are both such lists.
 *
 * @param deleted      the deleted devices instead of the others
 * @param nameContains part of the name, or {@code null} / blank for any name
 * @param order        the column the list is sorted by
 * @param descending   whether the order is reversed
 * @param group        only the devices put in this static group, or {@code null} for devices in any group or none
 * @param state        only the devices in this state, or {@code null} for any state on the side {@code deleted} picks
 */
public record DeviceListFilter(boolean deleted, String nameContains, Order order, boolean descending, UUID group,
                               DeviceState state) {

    /** The columns the device list can be sorted by; ties are broken by name, then id, so pages never overlap. */
    public enum Order {
        NAME,
        STATE
    }

    public DeviceListFilter {
        order = order == null ? Order.NAME : order;
        if (state != null && deleted != (state == DeviceState.DELETED)) {
            throw new IllegalArgumentException("A " + state + " device is " + (deleted ? "not " : "")
                    + "among the deleted ones.");
        }
    }

    /** Devices in any group or none. */
    public DeviceListFilter(boolean deleted, String nameContains, Order order, boolean descending) {
        this(deleted, nameContains, order, descending, null, null);
    }

    /** Devices in any state on one side of deletion. */
    public DeviceListFilter(boolean deleted, String nameContains, Order order, boolean descending, UUID group) {
        this(deleted, nameContains, order, descending, group, null);
    }

    /** The devices in one state (any, when {@code null}: every device that is not deleted), by name. */
    public static DeviceListFilter inState(DeviceState state, String nameContains) {
        return new DeviceListFilter(state == DeviceState.DELETED, nameContains, Order.NAME, false, null, state);
    }

    /** The devices in use (not deleted), by name. */
    public static DeviceListFilter listed() {
        return new DeviceListFilter(false, null, Order.NAME, false);
    }

    /** The members of a static group (a deleted device leaves its groups, so none is deleted). */
    public static DeviceListFilter membersOf(UUID group, String nameContains, Order order, boolean descending) {
        if (group == null) {
            throw new IllegalArgumentException("The members of which group?");
        }
        return new DeviceListFilter(false, nameContains, order, descending, group);
    }

    boolean filtersByName() {
        return nameContains != null && !nameContains.isBlank();
    }

    /** A LIKE pattern (escape character {@code !}) for the lower-cased name the device table keeps. */
    String namePattern() {
        return LikePattern.containing(nameContains.strip());
    }

    /** The FROM clause: the members of a group are read through the membership table, one row per device. */
    String from() {
        return group == null ? " FROM Device d" : " FROM Device d JOIN d.groups g";
    }

    /** The WHERE clause, with the parameters {@code :pattern} and {@code :group} when they are used. */
    String where() {
        // The state is an enum constant, written as a literal like DELETED: no parameter to bind.
        String states = state != null ? "= org.ams.devices.DeviceState." + state.name()
                : (deleted ? "=" : "<>") + " org.ams.devices.DeviceState.DELETED";
        return " WHERE d.state " + states
                + (group == null ? "" : " AND g.id = :group")
                + (filtersByName() ? " AND d.nameKey LIKE :pattern ESCAPE '!'" : "");
    }

    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        return order == Order.STATE ? " ORDER BY d.state" + direction + ", d.nameKey, d.id"
                : " ORDER BY d.nameKey" + direction + ", d.id" + direction;
    }
}
