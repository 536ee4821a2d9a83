package org.ams.agent;

import org.ams.agent.escrow.CycleResult;
import picocli.CommandLine;

/**
 * The agent's exit codes, for schedulers and deployment scripts. A check-in that fails reports its failure
 * ({@link #REFUSED} or {@link #TEMPORARY}) even when it also found an invalid recovery password: the failure is what
 * needs acting on first, and the next check-in that completes reports {@link #INVALID_KEY} again.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = CommandLine.ExitCode.OK;

    /** Refused by the server, or the volumes could not be read; the message says why. */
    public static final int REFUSED = 1;

    /** A bad command line. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    /** {@code status} only: this data directory holds no registration. */
    public static final int NOT_REGISTERED = 3;

    /**
     * The check-in completed, but at least one recovery password on this device is invalid (it fails BitLocker's
     * checksum or its protector id is malformed) and was not escrowed. {@code EX_DATAERR} in sysexits.
     */
    public static final int INVALID_KEY = 65;

    /** A temporary failure (server unreachable, TLS problem): try again later. {@code EX_TEMPFAIL} in sysexits. */
    public static final int TEMPORARY = 75;

    private ExitCodes() {
    }

    /** The exit code of a check-in that completed with {@code result}. */
    public static int of(CycleResult result) {
        return result.invalid() > 0 ? INVALID_KEY : OK;
    }

    /** Whether {@code code} ends a check-in that completed, so the service loop waits its normal interval. */
    public static boolean completed(int code) {
        return code == OK || code == INVALID_KEY;
    }
}
