package org.ams.web.api.agent;

import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import java.util.function.Supplier;

/**
 * An agent's call that lost a race for its device's row: another call of the same device (an agent restarted while
 * its last check-in was still running, a retry crossing the original) or an administrator's decision changed the
 * device between this call's read and its write. The call's transaction rolled back whole, the assertion's id with
 * it, so the call is simply made again, up to {@link #ATTEMPTS} times, instead of answering the agent with a server
 * error for a conflict the next attempt resolves.
 */
final class DeviceRace {

    static final int ATTEMPTS = 3;

    private DeviceRace() {
    }

    static <T> T retried(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (EJBException e) {
                if (attempt >= ATTEMPTS || !lostTheRace(e)) {
                    throw e;
                }
            }
        }
    }

    static boolean lostTheRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // JPA's exception when the race is found at a flush; EclipseLink's own, of the same name, when it is
            // found at commit (the provider is the server's, not a dependency of this module).
            if (cause instanceof OptimisticLockException
                    || cause.getClass().getSimpleName().equals("OptimisticLockException")) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
