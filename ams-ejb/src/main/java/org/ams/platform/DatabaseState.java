package org.ams.platform;

/** Where the database stands for this server process; the readiness check reports it. */
public record DatabaseState(Phase phase, String detail) {

    public enum Phase {
        /** Start-up has not reached the database yet. */
        STARTING,
        /** Migrations are done and the administrator account exists: the server may take requests. */
        READY,
        /** The last attempt failed; another follows. {@link #detail()} says why, in words an administrator can act on. */
        UNAVAILABLE
    }

    public boolean ready() {
        return phase == Phase.READY;
    }
}
