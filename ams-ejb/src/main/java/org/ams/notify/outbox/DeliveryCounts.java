package org.ams.notify.outbox;

/** How many of a channel's notifications wait and how many were given up on, for the channel list. */
public record DeliveryCounts(long pending, long failed) {
    public static final DeliveryCounts NONE = new DeliveryCounts(0, 0);
}
