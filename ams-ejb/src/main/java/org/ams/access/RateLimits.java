package org.ams.access;

/**
 * How many access requests one user, and one client address, may make per minute, hour and day; 0 means no limit
 * for that window. Denied requests count too: guessing is what a limit is for.
 */
public record RateLimits(int userPerMinute, int userPerHour, int userPerDay, int addressPerMinute, int addressPerHour,
                         int addressPerDay) {

    /** Far above what a helpdesk technician needs, far below what a script harvesting keys would. */
    public static final int MAX = 100_000;
}
