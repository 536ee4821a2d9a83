package org.ams.web.admin.settings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ams.access.AccessSettings;
import org.ams.access.AccessSettingsException;
import org.ams.access.AccessSettingsService;
import org.ams.web.PageMessages;
import org.ams.web.security.SessionLimit;

/**
 * Backs the Sessions section of {@code admin/settings/authentication.xhtml}: the longest a console session lasts after
 * its sign-in, whatever its activity or an identity provider's token says.
 */
@Named
@ViewScoped
public class SessionLimitBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AccessSettingsService settings;

    @Inject
    private SessionLimit limit;

    private Integer minutes;
    private long version;

    @PostConstruct
    void load() {
        AccessSettings current = settings.current();
        minutes = current.getMaxSessionMinutes();
        version = current.getVersion();
    }

    public void save() {
        try {
            AccessSettings saved = settings.changeMaxSession(version, minutes == null ? 0 : minutes);
            version = saved.getVersion();
            limit.changed(saved.getMaxSessionMinutes());
            PageMessages.info("A console session now ends " + describe(saved.getMaxSessionMinutes())
                    + " after its sign-in. Sessions signed in longer ago than that end at their next request.");
        } catch (AccessSettingsException e) {
            PageMessages.error(e.getMessage());
        }
    }

    /** "10 hours", "90 minutes", "7 days", "1 hour". */
    public static String describe(long minutes) {
        if (minutes % 1440 == 0) {
            return count(minutes / 1440, "day");
        }
        return minutes % 60 == 0 ? count(minutes / 60, "hour") : count(minutes, "minute");
    }

    private static String count(long number, String unit) {
        return number + " " + unit + (number == 1 ? "" : "s");
    }

    public Integer getMinutes() {
        return minutes;
    }

    public void setMinutes(Integer minutes) {
        this.minutes = minutes;
    }
}
