package org.ams.dashboard;

import java.time.LocalDate;

/**
 * How many recovery passwords were escrowed on one day (UTC), new protectors and changed passwords alike.
 *
 * @param day  the day, in UTC
 * @param keys keys escrowed that day, 0 for a day without any
 */
public record EscrowDay(LocalDate day, long keys) {
}
