package org.ams.notify.outbox;

/** Where a queued notification stands. */
public enum DeliveryState {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** Accepted by the mail server or webhook receiver. */
    DELIVERED,
    /** Given up on after the last retry (or its channel was disabled); the last error says why. */
    FAILED
}
