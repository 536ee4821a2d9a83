package org.ams.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: in UTC, saying so, e.g. "2027-03-05 14:07 UTC". */
public final class UtcTime {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private UtcTime() {
    }

    /** To the minute; "" for no time. */
    public static String minute(OffsetDateTime time) {
        return time == null ? "" : MINUTE.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** To the second; "" for no time. */
    public static String second(OffsetDateTime time) {
        return time == null ? "" : SECOND.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
