package org.ams.platform;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * A setting that is a whole number of hours from 1 to {@code maxHours}, read from {@link AmsSettings} whenever it is
 * needed (so a changed {@code ams.properties} takes effect without a restart). A value that is not such a number is
 * reported in the server log and the default used.
 *
 * @param key          the setting's name, e.g. {@code ams.escrow.verification-interval-hours}
 * @param defaultHours used when the setting is absent or wrong
 * @param maxHours     the largest value taken
 * @param meaning      what the value does, for the warning: "Verifying every" + default + " hours."
 */
public record HoursSetting(String key, int defaultHours, int maxHours, String meaning) {

    private static final Logger LOG = Logger.getLogger(HoursSetting.class.getName());

    /** The value configured now. */
    public Duration current() {
        return parse(AmsSettings.current().find(key).orElse(null));
    }

    /** @return the configured value, or the default for none or a wrong one (reported) */
    public Duration parse(String configured) {
        if (configured != null) {
            try {
                int hours = Integer.parseInt(configured.strip());
                if (hours >= 1 && hours <= maxHours) {
                    return Duration.ofHours(hours);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            LOG.warning(() -> "The setting " + key + " is '" + configured + "'; it must be a number of hours from 1 to "
                    + maxHours + ". " + meaning + " " + defaultHours + " hours.");
        }
        return Duration.ofHours(defaultHours);
    }
}
