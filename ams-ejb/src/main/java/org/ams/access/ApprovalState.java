package org.ams.access;

/** Where a request that needs approval stands. */
public enum ApprovalState {
    /** Waiting for approvals; expires unapproved after the settings' time. */
    PENDING,
    /** Approved by enough approvers: readable within its window (once, or as often as the rule allows). */
    APPROVED,
    /** An approver rejected it. */
    REJECTED,
    /** Nobody approved it in time. */
    EXPIRED,
    /** Approved for one read, and read. */
    USED
}
