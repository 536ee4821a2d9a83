package org.ams.it.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The fixture's history: migration version {@code v} was installed {@link #SPACING} after version {@code v - 1}, and
 * the last one a few days before the fixture runs, so the data has the ages a real installation's data has (old
 * audit records first, an expired rule, certificates issued long ago). Every {@link #next()} moves a few minutes on,
 * so records keep the order they were written in.
 */
final class FixtureClock {

    static final Duration SPACING = Duration.ofDays(30);
    private static final Duration STEP = Duration.ofMinutes(7).plusSeconds(13);

    private final Instant firstVersion;
    private Instant now;

    FixtureClock(Instant realNow, int lastVersion) {
        this.firstVersion = realNow.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(5))
                .minus(SPACING.multipliedBy(lastVersion - 1L));
        this.now = firstVersion;
    }

    /** When migration {@code version} was installed. */
    Instant installed(int version) {
        return firstVersion.plus(SPACING.multipliedBy(version - 1L));
    }

    /** Moves to the installation of {@code version}; later calls to {@link #next()} go on from there. */
    void atVersion(int version) {
        now = installed(version).plus(Duration.ofHours(1));
    }

    /** The next moment something happens, in UTC and to the microsecond, as the database keeps it. */
    OffsetDateTime next() {
        now = now.plus(STEP);
        return current();
    }

    OffsetDateTime current() {
        return OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
