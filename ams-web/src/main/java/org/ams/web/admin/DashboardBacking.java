package org.ams.web.admin;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ams.dashboard.Dashboard;
import org.ams.dashboard.DashboardSnapshot;
import org.ams.dashboard.DeniedRequest;
import org.ams.dashboard.EscrowDay;
import org.ams.dashboard.EscrowHealth;
import org.ams.dashboard.FailedRotation;
import org.ams.dashboard.UncoveredDevice;
import org.ams.dashboard.WaitingRotation;
import org.ams.devices.DeviceState;
import org.ams.escrow.EscrowVerification;
import org.ams.escrow.VerificationOutcome;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs {@code admin/dashboard.xhtml}: the coverage, rotation and escrow-check figures, read once per view (and again
 * when the administrator chooses another staleness), and the approved devices without a recovery key, a table page at
 * a time.
 */
@Named
@ViewScoped
public class DashboardBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);
    private static final List<Integer> STALE_CHOICES = List.of(7, 30, 90);

    @EJB
    private Dashboard dashboard;

    @EJB
    private EscrowVerification verification;

    private int staleDays = Dashboard.DEFAULT_STALE_DAYS;
    private transient DashboardSnapshot snapshot;
    private String checkOutcome;
    private boolean checkFoundUnreadable;

    private final LazyDataModel<UncoveredDevice> devicesWithoutKeys = new DevicesWithoutKeys();

    public DashboardSnapshot getSnapshot() {
        if (snapshot == null) {
            snapshot = dashboard.snapshot(staleDays);
        }
        return snapshot;
    }

    public long count(DeviceState state) {
        return getSnapshot().devices(state);
    }

    /** The bar's length in percent of the busiest day; a day with keys always shows a sliver. */
    public long barWidth(EscrowDay day) {
        long busiest = getSnapshot().busiestEscrowDay();
        return busiest == 0 || day.keys() == 0 ? 0 : Math.max(2, day.keys() * 100 / busiest);
    }

    public String day(EscrowDay day) {
        return day.day().format(DAY);
    }

    public String time(DeniedRequest request) {
        return request.time().atZoneSameInstant(ZoneOffset.UTC).format(SECOND);
    }

    public EscrowHealth getEscrowHealth() {
        return getSnapshot().escrowHealth();
    }

    public String lastVerified() {
        EscrowHealth health = getEscrowHealth();
        return health.verified() ? utcMinute(health.lastVerifiedAt()) + " UTC, " + health.lastVerifiedKeys()
                + " keys" : "never yet: the first check runs within the hour";
    }

    /**
     * Check now: opens every stored recovery password's sealed secret at once (the passwords stay in the vault), then
     * shows the figures again.
     */
    public void checkNow() {
        VerificationOutcome outcome = verification.verifyNow();
        snapshot = null;
        checkFoundUnreadable = outcome.unreadable() > 0;
        if (!outcome.ran()) {
            checkOutcome = "A check is already under way (on this server or another node sharing the database); "
                    + "reload the Dashboard in a while to see its result.";
        } else if (outcome.unreadable() == 0) {
            checkOutcome = "Checked " + outcome.checked() + " stored recovery password(s) at "
                    + utcMinute(outcome.finishedAt()) + " UTC: every one opens.";
        } else {
            checkOutcome = "Checked " + outcome.checked() + " stored recovery password(s) at "
                    + utcMinute(outcome.finishedAt()) + " UTC: " + outcome.unreadable() + " cannot be opened by "
                    + "this server. The audit log names them (" + EscrowVerification.FAILED + ").";
        }
    }

    public String getCheckOutcome() {
        return checkOutcome;
    }

    public boolean isCheckFoundUnreadable() {
        return checkFoundUnreadable;
    }

    /** The cause in words: the enum's name means little to a reader of the dashboard. */
    public String cause(WaitingRotation rotation) {
        return switch (rotation.cause()) {
            case "DISCLOSED" -> "shown";
            case "AGE" -> "age";
            case "ADMINISTRATOR" -> "Rotate now";
            case "SHOWN_TO_USER" -> "shown to a user";
            case "DEVICE_GROUP" -> "device group";
            default -> rotation.cause();
        } + ("REPLACEMENT_HELD".equals(rotation.state()) ? ", replacement escrowed" : "");
    }

    public String requested(WaitingRotation rotation) {
        return utcMinute(rotation.requestedAt());
    }

    public String age(WaitingRotation rotation) {
        return rotation.age(getSnapshot().takenAt());
    }

    public String failedAt(FailedRotation rotation) {
        return utcMinute(rotation.failedAt());
    }

    public String lastCheckIn(UncoveredDevice device) {
        return utcMinute(device.lastCheckInAt());
    }

    public String registered(UncoveredDevice device) {
        return utcMinute(device.registeredAt());
    }

    public String takenAt() {
        return getSnapshot().takenAt().atOffset(ZoneOffset.UTC).format(SECOND);
    }

    public LazyDataModel<UncoveredDevice> getDevicesWithoutKeys() {
        return devicesWithoutKeys;
    }

    public List<Integer> getStaleChoices() {
        return STALE_CHOICES;
    }

    public int getStaleDays() {
        return staleDays;
    }

    public void setStaleDays(int staleDays) {
        this.staleDays = staleDays;
        this.snapshot = null;
    }

    private static String utcMinute(OffsetDateTime time) {
        return time == null ? "never" : time.atZoneSameInstant(ZoneOffset.UTC).format(MINUTE);
    }

    /** The approved devices without a current escrowed key, read from the database one table page at a time. */
    private final class DevicesWithoutKeys extends LazyDataModel<UncoveredDevice> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, dashboard.countDevicesWithoutKeys());
        }

        @Override
        public List<UncoveredDevice> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                          Map<String, FilterMeta> filterBy) {
            return dashboard.devicesWithoutKeys(first, pageSize);
        }

        @Override
        public String getRowKey(UncoveredDevice device) {
            return device.deviceId().toString();
        }
    }
}
