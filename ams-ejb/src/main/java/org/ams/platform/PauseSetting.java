package org.ams.platform;

import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * A pause between two steps of background work (a rotation's batches, a key import's pages), in milliseconds from 0 to
 * 60000, read from {@link AmsSettings} before every pause (so a changed {@code ams.properties} takes effect at once).
 * A value that is not such a number is reported in the server log and no pause is made.
 *
 * @param key     the setting's name, e.g. {@code ams.rotation.pause-ms}
 * @param meaning what the work does without the pause, for the warning: "Rotating without a pause."
 */
public record PauseSetting(String key, String meaning) {

    public static final long MAX_MILLIS = 60_000;
    private static final Logger LOG = Logger.getLogger(PauseSetting.class.getName());

    /** The pause configured now. */
    public long currentMillis() {
        return parse(AmsSettings.current().find(key).orElse(null));
    }

    /** @return the configured pause, 0 when unset; a value that is not a number of 0 to 60000 is reported and ignored */
    public long parse(String configured) {
        if (configured == null) {
            return 0;
        }
        try {
            long pause = Long.parseLong(configured.strip());
            if (pause >= 0 && pause <= MAX_MILLIS) {
                return pause;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warning(() -> "The setting " + key + " is '" + configured + "'; it must be a number of milliseconds from 0 "
                + "to " + MAX_MILLIS + ". " + meaning);
        return 0;
    }

    /**
     * Waits the pause configured now, in short steps, so that a server that is stopping is not held up by a long one.
     *
     * @param stopping true once the work should end (the wait ends early)
     * @return whether the work goes on: false when {@code stopping} ended the wait or the thread was interrupted
     *         while waiting (its interrupt flag set again)
     */
    public boolean pause(BooleanSupplier stopping) {
        return sleep(currentMillis(), stopping);
    }

    /** Waits {@code millis} as {@link #pause} waits the configured pause. */
    public static boolean sleep(long millis, BooleanSupplier stopping) {
        long until = System.nanoTime() + millis * 1_000_000;
        try {
            while (!stopping.getAsBoolean() && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopping.getAsBoolean();
    }
}
