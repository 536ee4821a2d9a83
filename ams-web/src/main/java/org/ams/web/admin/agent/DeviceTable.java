package org.ams.web.admin.agent;

import java.util.List;
import java.util.Map;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceListFilter;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * A table of devices read from the database a page at a time (tens of thousands of devices are normal): the name typed
 * into the table's "name" filter and the column it is sorted by become a {@link DeviceListFilter}, and the device
 * directory filters, sorts and cuts the list. The Devices page and a group's members on the Groups page are such
 * tables; their backing beans say which devices the table holds.
 */
abstract class DeviceTable extends LazyDataModel<Device> {

    private static final long serialVersionUID = 1L;

    /** The backing bean's directory: a table is kept with the view, an EJB reference is not. */
    protected abstract DeviceDirectory directory();

    /** The devices this table holds, those whose name contains the text (any, when {@code null}), sorted so. */
    protected abstract DeviceListFilter filter(String nameContains, DeviceListFilter.Order order, boolean descending);

    /** Called with each page read, to read what the page shows about its devices in one query rather than per row. */
    protected void loaded(List<Device> page) {
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, directory().count(filter(filterBy, Map.of())));
    }

    @Override
    public List<Device> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                             Map<String, FilterMeta> filterBy) {
        List<Device> page = directory().list(filter(filterBy, sortBy), first, pageSize);
        loaded(page);
        return page;
    }

    @Override
    public String getRowKey(Device device) {
        return device.getId().toString();
    }

    /** The table's name filter and sort column (its "state" column, else by name) as the directory reads them. */
    final DeviceListFilter filter(Map<String, FilterMeta> filterBy, Map<String, SortMeta> sortBy) {
        FilterMeta name = filterBy.get("name");
        Object typed = name == null ? null : name.getFilterValue();
        SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
        DeviceListFilter.Order order = sort != null && "state".equals(sort.getField())
                ? DeviceListFilter.Order.STATE : DeviceListFilter.Order.NAME;
        boolean descending = sort != null && sort.getOrder() == SortOrder.DESCENDING;
        return filter(typed == null ? null : typed.toString(), order, descending);
    }
}
