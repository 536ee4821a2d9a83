package org.ams.notify.outbox;

/** Fired when notifications were queued; observed after the commit, to deliver at once rather than at the next tick. */
public record OutboxFilled(int entries) {
}
