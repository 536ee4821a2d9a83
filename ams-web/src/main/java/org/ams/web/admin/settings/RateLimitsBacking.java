package org.ams.web.admin.settings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ams.access.AccessSettings;
import org.ams.access.AccessSettingsException;
import org.ams.access.AccessSettingsService;
import org.ams.access.RateLimits;
import org.ams.web.PageMessages;

/** Backs {@code admin/settings/rate-limits.xhtml}: access requests per user and per client address. */
@Named
@ViewScoped
public class RateLimitsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AccessSettingsService settings;

    private Integer userPerMinute;
    private Integer userPerHour;
    private Integer userPerDay;
    private Integer addressPerMinute;
    private Integer addressPerHour;
    private Integer addressPerDay;
    private Integer approvalExpiryMinutes;
    private long version;

    @PostConstruct
    void load() {
        AccessSettings current = settings.current();
        RateLimits limits = current.getRateLimits();
        userPerMinute = limits.userPerMinute();
        userPerHour = limits.userPerHour();
        userPerDay = limits.userPerDay();
        addressPerMinute = limits.addressPerMinute();
        addressPerHour = limits.addressPerHour();
        addressPerDay = limits.addressPerDay();
        approvalExpiryMinutes = current.getApprovalExpiryMinutes();
        version = current.getVersion();
    }

    public void save() {
        try {
            AccessSettings saved = settings.changeRateLimits(version, new RateLimits(value(userPerMinute),
                    value(userPerHour), value(userPerDay), value(addressPerMinute), value(addressPerHour),
                    value(addressPerDay)));
            version = saved.getVersion();
            PageMessages.info("The rate limits were saved; they apply to the next access request.");
        } catch (AccessSettingsException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void saveApprovalExpiry() {
        try {
            AccessSettings saved = settings.changeApprovalExpiry(version,
                    approvalExpiryMinutes == null ? 0 : approvalExpiryMinutes);
            version = saved.getVersion();
            PageMessages.info("Requests awaiting approval now expire after " + saved.getApprovalExpiryMinutes()
                    + " minute(s).");
        } catch (AccessSettingsException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public Integer getApprovalExpiryMinutes() {
        return approvalExpiryMinutes;
    }

    public void setApprovalExpiryMinutes(Integer approvalExpiryMinutes) {
        this.approvalExpiryMinutes = approvalExpiryMinutes;
    }

    /** An empty field means no limit, as 0 does. */
    private static int value(Integer field) {
        return field == null ? 0 : field;
    }

    public Integer getUserPerMinute() {
        return userPerMinute;
    }

    public void setUserPerMinute(Integer userPerMinute) {
        this.userPerMinute = userPerMinute;
    }

    public Integer getUserPerHour() {
        return userPerHour;
    }

    public void setUserPerHour(Integer userPerHour) {
        this.userPerHour = userPerHour;
    }

    public Integer getUserPerDay() {
        return userPerDay;
    }

    public void setUserPerDay(Integer userPerDay) {
        this.userPerDay = userPerDay;
    }

    public Integer getAddressPerMinute() {
        return addressPerMinute;
    }

    public void setAddressPerMinute(Integer addressPerMinute) {
        this.addressPerMinute = addressPerMinute;
    }

    public Integer getAddressPerHour() {
        return addressPerHour;
    }

    public void setAddressPerHour(Integer addressPerHour) {
        this.addressPerHour = addressPerHour;
    }

    public Integer getAddressPerDay() {
        return addressPerDay;
    }

    public void setAddressPerDay(Integer addressPerDay) {
        this.addressPerDay = addressPerDay;
    }
}
